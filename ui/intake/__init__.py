"""The intake (受理登记) dialog: parties, unit, claim items, validation beside fields, drafts."""
