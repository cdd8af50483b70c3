"""Everything that touches the world: settings, channels, the runner, the web app, the CLI."""

__all__: list[str] = []
