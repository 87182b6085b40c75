"""Near-duplicate paragraphs: MinHash signatures over word shingles, banded for LSH, verified exactly.

A paragraph that differs from an earlier one by a few words, a sentence or its punctuation is a
*near-duplicate*: it keeps its own ``paragraphs`` row (its own hash) and links to the canonical paragraph
(``near_duplicate_of``) with the measured similarity. Finding candidates must not compare every pair, so each
paragraph gets a MinHash signature of ``bands * rows`` values; the signature is cut into ``bands`` slices and
each slice hashed to one 64-bit *bucket*. Two paragraphs that share any bucket are candidates, and a candidate
counts only when the exact Jaccard similarity of their shingle sets reaches ``threshold``: LSH finds, the exact
set comparison decides, so the banding only has to be generous (high recall), never precise.

The index is the ``paragraph_lsh`` table in DuckDB (one row per paragraph and band), so it survives restarts
and costs disk, not memory: ``bands`` rows of 16 bytes per indexed paragraph before compression.

The hashing is vectorised with NumPy (one matrix operation per batch instead of per-paragraph Python loops):
``bench/near_dup.py`` measures it against datasketch's ``MinHash`` on the same paragraphs, and chooses the
parameters (shingle size, bands x rows, threshold) on a perturbation benchmark built from real paragraphs.
"""

from __future__ import annotations

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


def shingle_set(text: str, size: int) -> frozenset[tuple[str, ...]]:
    """The set of word ``size``-grams of the normalised text (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return frozenset([tuple(tokens)]) if tokens else frozenset()
    return frozenset(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


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
        self._token_cache: dict[str, int] = {}

    def _token_hashes(self, tokens: Sequence[str]) -> np.ndarray:
        cache = self._token_cache
        if len(cache) > self._CACHE_LIMIT:
            cache.clear()
        out = []
        for token in tokens:
            h = cache.get(token)
            if h is None:
                h = cache[token] = zlib.crc32(token.encode("utf-8"))
            out.append(h)
        return np.fromiter(out, dtype=np.uint64, count=len(out))

    def _shingle_hashes(self, tokens: Sequence[str]) -> np.ndarray:
        size = self.params.shingle
        t = self._token_hashes(tokens)
        if len(t) <= size:  # one shingle: the whole (short) text
            return np.array([int((t * self._mix[: len(t)]).sum(dtype=np.uint64))], dtype=np.uint64)
        n = len(t) - size + 1
        h = np.zeros(n, dtype=np.uint64)
        for j in range(size):  # wrapping uint64 arithmetic: h = sum_j token[i+j] * mix_j
            h += t[j : j + n] * self._mix[j]
        return np.unique(h)  # a set: repeated shingles count once, as in the Jaccard similarity

    def signatures(self, texts: Iterable[str]) -> np.ndarray:
        """An ``(n, bands * rows)`` uint32 matrix: row ``i`` is the MinHash signature of ``texts[i]``."""
        per_text = [self._shingle_hashes(words(text) or [""]) for text in texts]
        k = self.params.permutations
        out = np.empty((len(per_text), k), dtype=np.uint32)
        start = 0
        while start < len(per_text):  # chunks of paragraphs whose shingles fit the matrix budget
            stop, total = start, 0
            while stop < len(per_text) and (stop == start or total + len(per_text[stop]) <= self._CHUNK_SHINGLES):
                total += len(per_text[stop])
                stop += 1
            flat = np.concatenate(per_text[start:stop])
            offsets = np.cumsum([0] + [len(p) for p in per_text[start : stop - 1]])
            hashed = (flat[:, None] * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
            out[start:stop] = np.minimum.reduceat(hashed, offsets, axis=0).astype(np.uint32)
            start = stop
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
    similarity: float  # exact Jaccard similarity to the best match


def best_matches(
    new: Sequence[tuple[str, str]],
    candidates: dict[str, list[str]],
    texts: dict[str, str],
    roots: dict[str, str],
    params: NearDupParams = DEFAULT_PARAMS,
) -> list[NearMatch]:
    """Verify LSH candidates exactly and pick each new paragraph's best match.

    ``new``: (paragraph_id, text) in arrival order; ``candidates``: paragraph_id -> ids sharing a bucket
    (stored ones and earlier ones of ``new``); ``texts``: text of every candidate; ``roots``: the canonical
    paragraph of each stored candidate (itself when it is canonical). A new paragraph that matches becomes part
    of the best match's cluster, so later arrivals in the same batch link to the same root.
    """
    shingles: dict[str, frozenset] = {}

    def sh(pid: str) -> frozenset:
        s = shingles.get(pid)
        if s is None:
            s = shingles[pid] = shingle_set(texts[pid], params.shingle)
        return s

    out = []
    for pid, text in new:
        texts.setdefault(pid, text)
        best: tuple[float, str] | None = None
        for other in candidates.get(pid, ()):
            if other == pid or other not in texts:
                continue
            similarity = jaccard(sh(pid), sh(other))
            # ties go to the smaller id so the choice does not depend on the order candidates were listed in
            if similarity >= params.threshold and (best is None or (similarity, _neg(other)) > (best[0], _neg(best[1]))):
                best = (similarity, other)
        if best is None:
            roots[pid] = pid
            continue
        root = roots.get(best[1], best[1])
        roots[pid] = root
        out.append(NearMatch(pid, root, round(best[0], 4)))
    return out


def _neg(pid: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in pid)
