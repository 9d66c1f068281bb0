"""The article the site starts with: placeholder text written for this example."""

from __future__ import annotations

from typing import NamedTuple


class SeedArticle(NamedTuple):
    """An article to create when the database is new."""

    slug: str
    title: str
    byline: str
    body_html: str


FIRST_ARTICLE = SeedArticle(
    slug="harbour-library-opens-late",
    title="Harbour Library to stay open until ten on weeknights",
    byline="By the Newsroom desk",
    body_html="""
<p>The Harbour Library will keep its doors open until ten in the evening from Monday to
Thursday, starting next month. The reading room, the map collection and the children's corner
will all stay open, and two more staff will work the evening shift.</p>
<p>Readers had asked for longer hours in last spring's survey, in which evening opening came
first ahead of more study desks and a larger collection of audiobooks. "People finish work
later than they used to," said the head librarian. "We would like the building to be there for
them when they do."</p>
<p>The café on the ground floor will not change its hours. The library says it will look at
the numbers again after six months, and asks readers to tell it what they think, here in the
comments or at the front desk.</p>
""".strip(),
)
"""Placeholder news: a fictional library in a fictional town, not a copied article."""
