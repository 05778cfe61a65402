"""The domain's words: enumerations with stable ids, validators and value objects."""
