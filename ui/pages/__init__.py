"""The main window's pages (case list, deadlines, dashboard, SMS outbox, settings)."""
