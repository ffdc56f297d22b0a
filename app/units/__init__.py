"""The union's unit tree as the organisation keeps it: levels, official units, imports,
and reorganisations (merge, move, rename) that keep every member's history and old codes."""
