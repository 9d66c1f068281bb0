"""Multinomial naive Bayes over hashed tokens, every count kept in one tally of the store.

The model is nothing but numbers: for each hash slot, the summed weight it had in spam
(``s:<slot>``) and in ham (``h:<slot>``) and the number of comments it appeared in
(``f:<slot>``), plus a few totals. Learning adds to them (atomically, so every web worker can
learn at once); scoring reads only the slots of the comments at hand. Nothing is pickled:
loading the model runs no code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from commentguard.stores import Store
from commentguard_bayes.features import SpamText, Vector, vectorize

SMOOTHING = 0.03
"""Additive (Lidstone) smoothing of the per-class token weights."""

SPAM, HAM = "spam", "ham"
_CLASS_PREFIX = {SPAM: "s:", HAM: "h:"}
_SEEDED = "seeded"
_VOCABULARY = "vocabulary"
_TAUGHT = "taught"  # comments learned from the site (its moderators, its labelled files)


@dataclass(slots=True)
class Counts:
    """Counts to add to the model: what :meth:`NaiveBayes.add` takes and the seed file holds."""

    weights: dict[str, dict[str, float]] = field(default_factory=lambda: {SPAM: {}, HAM: {}})
    """Per class, slot -> summed weight."""
    documents: dict[str, int] = field(default_factory=lambda: {SPAM: 0, HAM: 0})
    """Per class, how many comments."""
    frequency: dict[str, int] = field(default_factory=dict)
    """Slot -> how many comments it appeared in."""

    def count(self, vector: Vector, label: str) -> None:
        """Add one comment, labelled ``spam`` or ``ham``."""
        weights = self.weights[label]
        for slot, weight in vector.weights.items():
            weights[slot] = weights.get(slot, 0.0) + weight
            self.frequency[slot] = self.frequency.get(slot, 0) + 1
        self.documents[label] += 1


@dataclass(frozen=True, slots=True)
class Score:
    """How spammy a comment looks, and why."""

    probability: float
    """The probability that the comment is spam."""
    weighed_most: tuple[str, ...]
    """The tokens that pushed furthest toward the verdict, strongest first."""
    taught: int = 0
    """How many comments the model had learned from the site itself (the seed not counted)."""


class NaiveBayes:
    """The model in ``store`` under ``key``.

    Args:
        store: Where the counts live.
        key: The tally holding them (namespaced by the check).
        ttl: Seconds the model is kept after it last learned something.
        min_documents: Below this many comments of either class (and always while a class
            has none), :meth:`score_many` has no opinion (``None``): a model that has seen
            three spams knows nothing yet.
        smoothing: Additive smoothing of the token weights (used in scoring only: the stored
            counts are the same whatever it is).
    """

    def __init__(
        self,
        store: Store,
        key: str,
        *,
        ttl: float,
        min_documents: int = 1,
        smoothing: float = SMOOTHING,
    ) -> None:
        self._store = store
        self._key = key
        self._ttl = ttl
        self._min_documents = min_documents
        self._smoothing = smoothing

    def learn_many(self, examples: Iterable[tuple[SpamText, bool]]) -> Counts:
        """Learn from ``(text, is_spam)`` pairs, in one write; return what was added."""
        counts = Counts()
        for text, is_spam in examples:
            counts.count(vectorize(text), SPAM if is_spam else HAM)
        self.add(counts)
        return counts

    def add(self, counts: Counts, *, seed: bool = False) -> None:
        """Add ``counts`` to the model in one atomic write (``seed``: mark the model seeded).

        The slots the model had never seen are read first, so the vocabulary size goes into
        the same write as the counts. Two workers learning the same new token at the same
        moment may both count it; the vocabulary only scales the smoothing, so one extra slot
        among thousands changes nothing that matters.
        """
        slots = list(counts.frequency)
        before = self._store.counts(self._key, [f"f:{slot}" for slot in slots])
        amounts: dict[str, float] = {}
        for label, weights in counts.weights.items():
            prefix = _CLASS_PREFIX[label]
            amounts.update({prefix + slot: weight for slot, weight in weights.items()})
        amounts.update({f"f:{slot}": float(n) for slot, n in counts.frequency.items()})
        amounts.update({f"documents:{label}": float(n) for label, n in counts.documents.items()})
        for label, weights in counts.weights.items():
            amounts[f"weight:{label}"] = math.fsum(weights.values())
        amounts[_VOCABULARY] = float(sum(1 for slot in slots if not before[f"f:{slot}"]))
        if seed:
            amounts[_SEEDED] = 1.0
        else:
            amounts[_TAUGHT] = float(sum(counts.documents.values()))
        self._store.add_counts(self._key, amounts, self._ttl)

    def seeded(self) -> bool:
        """Whether the seed is in the model: written with the seed's counts, in their write."""
        return self._store.counts(self._key, [_SEEDED])[_SEEDED] > 0.0

    def documents(self) -> dict[str, int]:
        """How many spam and ham comments the model has learned from."""
        found = self._store.counts(self._key, [f"documents:{SPAM}", f"documents:{HAM}"])
        return {label: int(found[f"documents:{label}"]) for label in (SPAM, HAM)}

    def score_many(self, texts: Sequence[SpamText]) -> list[Score | None]:
        """Score each text (one read for the whole batch); ``None`` while the model is too new."""
        vectors = [vectorize(text) for text in texts]
        slots = {slot for vector in vectors for slot in vector.weights}
        totals = [f"documents:{SPAM}", f"documents:{HAM}", f"weight:{SPAM}", f"weight:{HAM}"]
        fields = [*totals, _VOCABULARY, _TAUGHT]
        fields += [prefix + slot for slot in slots for prefix in _CLASS_PREFIX.values()]
        found = self._store.counts(self._key, fields)
        spam_documents, ham_documents = found[f"documents:{SPAM}"], found[f"documents:{HAM}"]
        # A class with no documents has no prior (and no weights): no opinion, whatever
        # min_documents says.
        if min(spam_documents, ham_documents) < max(self._min_documents, 1):
            return [None for _ in texts]
        vocabulary = max(found[_VOCABULARY], 1.0)
        smoothing = self._smoothing
        spam_norm = math.log(found[f"weight:{SPAM}"] + smoothing * vocabulary)
        ham_norm = math.log(found[f"weight:{HAM}"] + smoothing * vocabulary)
        prior = math.log(spam_documents / ham_documents)
        taught = int(found[_TAUGHT])
        return [
            _score(vector, found, prior, spam_norm - ham_norm, smoothing, taught)
            for vector in vectors
        ]


def _score(
    vector: Vector,
    found: dict[str, float],
    prior: float,
    norm: float,
    smoothing: float,
    taught: int,
) -> Score:
    # Slots the model has never seen are left out, and the weights renormalised over the rest,
    # as a vectorizer fitted on the training data would do. Each slot's two counts are looked
    # up once (a long comment has a few hundred slots).
    counts = [(slot, found["s:" + slot], found["h:" + slot]) for slot in vector.weights]
    seen = [(slot, spam, ham) for slot, spam, ham in counts if spam or ham]
    if not seen:
        return Score(1.0 / (1.0 + math.exp(-prior)), (), taught)
    weight = 1.0 / math.sqrt(len(seen))
    log = math.log
    pushes = {
        slot: weight * (log(spam + smoothing) - log(ham + smoothing) - norm)
        for slot, spam, ham in seen
    }
    log_odds = prior + math.fsum(pushes.values())
    probability = 1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, log_odds))))
    toward_spam = log_odds >= 0
    ranked = sorted(pushes, key=pushes.__getitem__, reverse=toward_spam)
    weighed_most = tuple(
        _readable(vector.tokens_by_slot[slot][0])
        for slot in ranked[:5]
        if (pushes[slot] > 0) == toward_spam
    )
    return Score(probability, weighed_most, taught)


def _readable(token: str) -> str:
    """``w:free`` -> ``free``, ``b:check out`` -> ``check out``; other kinds keep their prefix."""
    return token[2:] if token.startswith(("w:", "b:")) else token
