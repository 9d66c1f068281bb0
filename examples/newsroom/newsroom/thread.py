"""Threaded replies: comments arranged under the comment they answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newsroom.db import Comment

MAX_DEPTH = 5
"""WordPress's default nesting; deeper replies are shown at the last level."""


@dataclass
class CommentNode:
    """One comment and the replies to it."""

    comment: Comment
    depth: int = 1
    replies: list[CommentNode] = field(default_factory=list)


def build_thread(comments: Iterable[Comment]) -> list[CommentNode]:
    """Arrange ``comments`` (oldest first) as a forest of replies.

    A reply whose parent is not among ``comments`` (deleted, or not visible to this reader)
    is shown at the top level rather than lost.
    """
    nodes: dict[int, CommentNode] = {}
    siblings: dict[int, list[CommentNode]] = {}  # the list each comment was placed in
    roots: list[CommentNode] = []
    for comment in comments:
        parent = nodes.get(comment.parent_id) if comment.parent_id is not None else None
        if parent is None:
            node, place = CommentNode(comment), roots
        elif parent.depth < MAX_DEPTH:
            node, place = CommentNode(comment, depth=parent.depth + 1), parent.replies
        else:  # past the last level: beside its parent, as WordPress shows it
            node, place = CommentNode(comment, depth=parent.depth), siblings[parent.comment.id]
        place.append(node)
        nodes[comment.id], siblings[comment.id] = node, place
    return roots
