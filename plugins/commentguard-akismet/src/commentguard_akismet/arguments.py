"""What commentguard sends to Akismet about a comment: every field Akismet's API uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import akismet

from commentguard import CommentSubmission


@dataclass(frozen=True, slots=True)
class AkismetRequest:
    """The arguments of one comment-check, submit-spam or submit-ham call.

    ``arguments`` holds the author's email address, which Akismet needs to judge the comment;
    it is left out of ``repr`` so that the address never reaches a log or a traceback.
    """

    user_ip: str
    arguments: akismet.AkismetArguments = field(repr=False)


def akismet_request(
    submission: CommentSubmission,
    *,
    comment_type: str = "comment",
    honeypot_field_name: str | None = None,
    blog_lang: str | None = None,
    is_test: bool = False,
) -> AkismetRequest | None:
    """Build the request for ``submission``, or ``None`` when it has no IP address.

    Akismet requires the commenter's IP address; without one (a dump that did not keep it)
    there is nothing to ask. A reply (``parent_id`` set) is sent with the comment type
    ``reply``, as Akismet's documentation asks, and a moderator's own comment with the user
    role ``administrator``, which Akismet never calls spam.
    """
    if submission.ip is None:
        return None
    arguments: akismet.AkismetArguments = {
        "blog_charset": "UTF-8",
        "comment_type": _comment_type(submission, comment_type),
        "comment_author": submission.name,
        "comment_content": submission.body,
        "comment_date_gmt": _utc(submission.submitted_at),
    }
    if submission.email is not None:  # an old comment from a dump may have none
        arguments["comment_author_email"] = submission.email.reveal()  # to Akismet, only there
    if submission.url is not None:
        arguments["comment_author_url"] = submission.url
    if submission.permalink is not None:
        arguments["permalink"] = submission.permalink
    if submission.referrer is not None:
        arguments["referrer"] = submission.referrer
    if submission.user_agent is not None:
        arguments["user_agent"] = submission.user_agent
    if submission.thread_published_at is not None:
        arguments["comment_post_modified_gmt"] = _utc(submission.thread_published_at)
    if submission.author_role == "moderator":
        arguments["user_role"] = "administrator"
    if honeypot_field_name is not None:
        arguments["honeypot_field_name"] = honeypot_field_name
    if blog_lang is not None:
        arguments["blog_lang"] = blog_lang
    if is_test:
        arguments["is_test"] = True
    return AkismetRequest(str(submission.ip), arguments)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _comment_type(submission: CommentSubmission, configured: str) -> str:
    """Akismet's ``comment_type``: pingback and trackback as such, ``reply`` for a reply."""
    if submission.comment_type != "comment":
        return submission.comment_type
    return "reply" if submission.parent_id is not None else configured
