"""Near-duplicate paragraphs: MinHash signatures over word shingles, banded for LSH, verified exactly.

A paragraph that differs from an earlier one by a few words, a sentence or its punctuation is a
*near-duplicate*: it keeps its own ``paragraphs`` row (its own hash) and links to the canonical paragraph
(``near_duplicate_of``) with the measured similarity. Finding candidates must not compare every pair, so each
paragraph gets a MinHash signature of ``bands * rows`` values; the signature is cut into ``bands`` slices and
each slice hashed to one 64-bit *bucket*. Two paragraphs that share any bucket are candidates, and a candidate
counts only when the exact similarity of their shingle sets reaches ``threshold``: LSH finds, the exact set
comparison decides, so the banding only has to be generous (high recall), never precise. The default measure
is containment (the share of the smaller paragraph's shingles found in the other), so a copy with a sentence
added or cut is still the same paragraph; ``bench/near_dup.py`` chose it over Jaccard on real paragraphs.

The index is the ``paragraph_lsh`` table in DuckDB (one row per paragraph and band), so it survives restarts
and costs disk, not memory: ``bands`` rows of 16 bytes per indexed paragraph before compression.

The hashing is vectorised with NumPy (one matrix operation per batch instead of per-paragraph Python loops):
``bench/near_dup.py`` measures it against datasketch's ``MinHash`` on the same paragraphs, and chooses the
parameters (shingle size, bands x rows, threshold) on a perturbation benchmark built from real paragraphs.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .dedup import normalize_paragraph
from .options import DEFAULT_NEAR_DUP as DEFAULT_PARAMS
from .options import NearDupParams

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)




def words(text: str) -> list[str]:
    return _WORD.findall(normalize_paragraph(text))


@functools.cache
def stop_words() -> frozenset[str]:
    """Function words of the languages newsdesk meets most, from spaCy's lists (plain sets, no model; loaded on
    first use, since importing them imports spaCy)."""
    from spacy.lang.de.stop_words import STOP_WORDS as de
    from spacy.lang.en.stop_words import STOP_WORDS as en
    from spacy.lang.es.stop_words import STOP_WORDS as es
    from spacy.lang.fr.stop_words import STOP_WORDS as fr
    from spacy.lang.it.stop_words import STOP_WORDS as it
    from spacy.lang.pt.stop_words import STOP_WORDS as pt
    from spacy.lang.ru.stop_words import STOP_WORDS as ru

    return frozenset(w.casefold() for lang in (en, de, es, fr, it, pt, ru) for w in lang)



def shingle_set(text: str, size: int) -> frozenset[tuple[str, ...]]:
    """The set of word ``size``-grams of the normalised text (the whole text when it is shorter), without the
    shingles made only of function words ("of the", "and in"): every paragraph has those, so they say nothing
    about copying and would crowd the LSH buckets (SpotSigs' idea). A text of function words only keeps them."""
    return shingles_of(words(text), size)


def shingles_of(tokens: Sequence[str], size: int) -> frozenset[tuple[str, ...]]:
    """:func:`shingle_set` of already tokenised text (see :func:`words`)."""
    if len(tokens) <= size:
        return frozenset([tuple(tokens)]) if tokens else frozenset()
    grams = [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    stop = stop_words()
    content = [g for g in grams if not all(t in stop for t in g)]
    return frozenset(content or grams)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: frozenset, b: frozenset) -> float:
    """The overlap coefficient: the share of the smaller set found in the larger one."""
    if not a or not b:
        return float(a == b)
    return len(a & b) / min(len(a), len(b))


def similarity(a: frozenset, b: frozenset, measure: str) -> float:
    return containment(a, b) if measure == "containment" else jaccard(a, b)


class _TokenCache(dict):
    """word -> CRC-32 of its UTF-8 bytes, bit 32 set for a function word; computed on first use."""

    def __missing__(self, token: str) -> int:
        value = self[token] = zlib.crc32(token.encode("utf-8")) | ((token in stop_words()) << 32)
        return value


class MinHasher:
    """Signatures and LSH buckets for many paragraphs at once.

    Token hashes are CRC-32 of the UTF-8 word (stable across processes and machines, unlike ``hash()``),
    cached because news vocabulary repeats; a shingle's hash mixes its tokens' hashes; permutation ``i`` is the
    multiply-shift hash ``(a_i * x + b_i) mod 2**64 >> 32`` (a universal family), computed for every shingle of
    the batch in one NumPy expression and reduced per paragraph with ``minimum.reduceat``.
    """

    _CACHE_LIMIT = 500_000  # distinct words kept; cleared when full, so memory stays bounded on any corpus
    _CHUNK_SHINGLES = 65_536  # shingles x permutations per matrix: 64k x 60 x 8 bytes = 31 MB at most

    def __init__(self, params: NearDupParams = DEFAULT_PARAMS) -> None:
        self.params = params
        rng = np.random.default_rng(params.seed)
        self._a = rng.integers(1, 2**63, size=params.permutations, dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, 2**63, size=params.permutations, dtype=np.uint64)
        self._mix = rng.integers(1, 2**63, size=params.shingle, dtype=np.uint64) | np.uint64(1)
        self._band_mix = rng.integers(1, 2**63, size=params.rows, dtype=np.uint64) | np.uint64(1)
        self._band_salt = rng.integers(0, 2**63, size=params.bands, dtype=np.uint64)
        self._token_cache = _TokenCache()

    def _flat_token_hashes(self, token_lists: Iterable[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Every text's token hashes, concatenated, and each text's token count (an empty text counts one
        empty token, so every text has at least one shingle)."""
        cache = self._token_cache
        if len(cache) > self._CACHE_LIMIT:
            cache.clear()
        flat: list[int] = []
        lengths: list[int] = []
        lookup = cache.__getitem__  # _TokenCache computes and stores a missing word's CRC-32
        for tokens in token_lists:
            tokens = tokens or [""]
            flat.extend(map(lookup, tokens))
            lengths.append(len(tokens))
        return np.array(flat, dtype=np.uint64), np.array(lengths, dtype=np.int64)

    def signatures(self, texts: Iterable[str]) -> np.ndarray:
        """An ``(n, bands * rows)`` uint32 matrix: row ``i`` is the MinHash signature of ``texts[i]``."""
        return self.signatures_of(words(text) for text in texts)

    def signatures_of(self, token_lists: Iterable[Sequence[str]]) -> np.ndarray:
        """:meth:`signatures` of already tokenised texts (see :func:`words`).

        All shingles of the batch are hashed at once: shingle ``i`` of the concatenated token array is
        ``sum_j token[i + j] * mix_j`` (wrapping uint64), kept where it lies inside one text. Repeated
        shingles need no removal: they cannot change a minimum.
        """
        size = self.params.shingle
        tokens, lengths = self._flat_token_hashes(token_lists)
        n = len(lengths)
        k = self.params.permutations
        out = np.empty((n, k), dtype=np.uint32)
        if n == 0:
            return out
        stop = (tokens >> np.uint64(32)).astype(bool)
        tokens = tokens & np.uint64(0xFFFFFFFF)
        padded = np.concatenate([tokens, np.zeros(size, dtype=np.uint64)])
        padded_stop = np.concatenate([stop, np.ones(size, dtype=bool)])
        window = np.zeros(len(tokens), dtype=np.uint64)
        all_stop = np.ones(len(tokens), dtype=bool)
        for j in range(size):
            window += padded[j : j + len(tokens)] * self._mix[j]
            all_stop &= padded_stop[j : j + len(tokens)]
        starts = np.cumsum(lengths) - lengths
        counts = np.maximum(lengths - size + 1, 1)  # shingles per text
        first = np.cumsum(counts) - counts  # each text's first shingle in the shingle array
        positions = np.repeat(starts, counts) + (np.arange(int(counts.sum())) - np.repeat(first, counts))
        shingles = window[positions]
        keep = ~all_stop[positions]
        for i in np.flatnonzero(lengths < size):  # texts shorter than a shingle: one shingle of what there is
            s, length = starts[i], lengths[i]
            shingles[first[i]] = (tokens[s : s + length] * self._mix[:length]).sum(dtype=np.uint64)
            keep[first[i]] = True
        # leave out function-word-only shingles (see shingle_set), unless a text has nothing else
        kept = np.add.reduceat(keep.astype(np.int64), first)
        keep |= np.repeat(kept == 0, counts)
        shingles = shingles[keep]
        counts = np.add.reduceat(keep.astype(np.int64), first)
        first = np.cumsum(counts) - counts
        # chunks of whole texts, so the (shingles x permutations) matrix stays within a few tens of MB
        bounds = np.searchsorted(first, np.arange(0, len(shingles), self._CHUNK_SHINGLES), side="right") - 1
        edges = sorted({*bounds.tolist(), n})
        for a, b in zip(edges, edges[1:]):
            lo = first[a]
            hi = first[b] if b < n else len(shingles)
            hashed = (shingles[lo:hi, None] * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
            out[a:b] = np.minimum.reduceat(hashed, first[a:b] - lo, axis=0).astype(np.uint32)
        return out

    def buckets(self, signatures: np.ndarray) -> np.ndarray:
        """An ``(n, bands)`` int64 matrix of LSH bucket keys (band index mixed in, so bands never collide)."""
        p = self.params
        sig = signatures.astype(np.uint64).reshape(len(signatures), p.bands, p.rows)
        h = (sig * self._band_mix[None, None, :]).sum(axis=2, dtype=np.uint64) + self._band_salt[None, :]
        # a final avalanche (splitmix64) so that nearby sums do not cluster in the index
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
        return h.view(np.int64)

    def indexable(self, text: str) -> bool:
        return len(words(text)) >= self.params.min_words


@dataclass(frozen=True)
class NearMatch:
    paragraph_id: str
    canonical_id: str  # the paragraph it is linked to (the root of the best match's cluster)
    similarity: float  # exact similarity (params.measure) to the best match


def best_matches(
    new: Sequence[tuple[str, str]],
    candidates: dict[str, list[str]],
    texts: dict[str, str],
    roots: dict[str, str],
    params: NearDupParams = DEFAULT_PARAMS,
    tokens: dict[str, Sequence[str]] | None = None,
) -> list[NearMatch]:
    """Verify LSH candidates exactly and pick each new paragraph's best match.

    ``new``: (paragraph_id, text) in arrival order; ``candidates``: paragraph_id -> ids sharing a bucket
    (stored ones and earlier ones of ``new``); ``texts``: text of every candidate; ``roots``: the canonical
    paragraph of each stored candidate (itself when it is canonical). A new paragraph that matches becomes part
    of the best match's cluster, so later arrivals in the same batch link to the same root. ``tokens``: the
    words of any of them, when the caller has them already.
    """
    shingles: dict[str, frozenset] = {}
    tokens = tokens or {}

    def sh(pid: str) -> frozenset:
        s = shingles.get(pid)
        if s is None:
            known = tokens.get(pid)
            s = shingles[pid] = shingles_of(known if known is not None else words(texts[pid]), params.shingle)
        return s

    out = []
    for pid, text in new:
        texts.setdefault(pid, text)
        if not candidates.get(pid):
            roots[pid] = pid
            continue
        best: tuple[float, str] | None = None
        for other in candidates.get(pid, ()):
            if other == pid or other not in texts:
                continue
            score = similarity(sh(pid), sh(other), params.measure)
            # ties go to the smaller id so the choice does not depend on the order candidates were listed in
            if score >= params.threshold and (best is None or (score, _neg(other)) > (best[0], _neg(best[1]))):
                best = (score, other)
        if best is None:
            roots[pid] = pid
            continue
        root = roots.get(best[1], best[1])
        roots[pid] = root
        out.append(NearMatch(pid, root, round(best[0], 4)))
    return out


def _neg(pid: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in pid)
