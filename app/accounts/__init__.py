"""Accounts: passwords, one-time sign-in codes, and who may see which unit."""
