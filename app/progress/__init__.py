"""Progress: completion rules (pure) and the records that feed them."""
