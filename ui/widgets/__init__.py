"""Reusable widgets of the client (filters, date fields, field-error labels)."""
