"""Mutation testing of the grading core and the completion rules (``make mutation``)."""
