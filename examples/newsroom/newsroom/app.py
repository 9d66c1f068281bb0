"""The Flask application factory: the guard, the database, the readers' and moderator's pages."""

from __future__ import annotations

from flask import Flask

from newsroom import article, moderation, rendering
from newsroom.config import Config
from newsroom.extensions import comments, init_database


def create_app(config: Config | None = None) -> Flask:
    """Build the site: the guard, the database, and the readers' and moderator's pages.

    Args:
        config: Where the data lives and the secrets; read from ``NEWSROOM_*`` environment
            variables when omitted.

    Raises:
        ConfigError: a required environment variable is missing.
    """
    config = config if config is not None else Config.from_env()
    config.data_dir.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        SESSION_COOKIE_SAMESITE="Lax",
        NEWSROOM_DATABASE=str(config.database),
        NEWSROOM_MODERATOR_PASSWORD=config.moderator_password,
        # The guard signs form tokens and keys its hashes with the site's secret, and keeps
        # its flood, duplicate and trusted-author memory in an SQLite file next to the comments.
        # Development mode's secret key is public: only the guard's development mode takes it.
        COMMENTGUARD={
            **config.guard,
            "secret_key": config.secret_key,
            "store": config.store_url,
            "development_mode": config.development,
        },
    )
    comments.init_app(app)
    init_database(app)
    app.jinja_env.filters.update(
        comment_html=rendering.comment_html,
        comment_date=rendering.comment_date,
        comment_count=rendering.comment_count,
        avatar_colour=rendering.avatar_colour,
    )
    app.jinja_env.globals.update(
        csrf_token=moderation.csrf_token, is_moderator=moderation.is_moderator
    )
    app.register_blueprint(article.bp)
    app.register_blueprint(moderation.bp)
    return app
