"""What tests share: centres and cases built through the real services, stand-ins, PDF readers."""
