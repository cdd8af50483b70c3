"""HTTP routes: provider webhooks, the web chat and static pages."""

__all__: list[str] = []
