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
and costs disk, not memory: ``bands`` rows (a 32-bit bucket and the paragraph id) per indexed paragraph.

The hashing is vectorised with NumPy (one matrix operation per batch instead of per-paragraph Python loops):
``bench/near_dup.py`` measures it against datasketch's ``MinHash`` on the same paragraphs, and chooses the
parameters (shingle size, bands x rows, threshold) on a perturbation benchmark built from real paragraphs.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..options import DEFAULT_NEAR_DUP as DEFAULT_PARAMS
from ..options import NearDupParams
from .exact import normalize_paragraph

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(normalize_paragraph(text))


STOP_WORDS_FILE = Path(__file__).parent.parent / "data" / "stop_words.txt"


@functools.cache
def stop_words() -> frozenset[str]:
    """Function words of the languages newsdesk meets most: spaCy's lists for en, de, es, fr, it, pt and ru,
    shipped as a plain file (importing spaCy for them cost every loader process 5 s; a test keeps the file equal
    to spaCy's lists)."""
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("# "))


def shingle_set(text: str, size: int) -> frozenset[tuple[str, ...]]:
    """The set of word ``size``-grams of the normalised text (the whole text when it is shorter), without the
    shingles made only of function words ("of the", "and in"): every paragraph has those, so they say nothing
    about copying and would crowd the LSH buckets (SpotSigs' idea). A text of function words only keeps them.

    The plain definition: the loader compares hashed sets (:meth:`MinHasher.shingle_sets`), tested equal to it."""
    tokens = words(text)
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


# ASCII bytes that ``\w`` does not match become spaces; bytes of multi-byte UTF-8 characters are kept (the
# non-ASCII characters that are not word characters are blanked before encoding, see token_stream)
_WORD_BYTES = bytes(0x20 if c < 128 and not (chr(c).isalnum() or c == 0x5F) else c for c in range(256))
_NON_ASCII_NON_WORD = re.compile(r"[^\w\x00-\x7f]+")
_SPACE = 0x20
_TOKEN_P = np.uint64(0x9E3779B97F4A7C15)  # odd: invertible modulo 2**64
_TOKEN_Q = np.uint64(pow(int(_TOKEN_P), -1, 2**64))


def token_stream(normalised: str) -> bytes:
    """The words of normalised text (:func:`words`), as UTF-8 separated by one or more spaces: one
    ``bytes.translate`` blanks the ASCII non-word bytes, after a regex has blanked the rare non-ASCII characters
    that are not word characters (dashes and quotes are already folded to ASCII by the normalisation)."""
    if not normalised.isascii():
        normalised = _NON_ASCII_NON_WORD.sub(" ", normalised)
    return normalised.encode("utf-8").translate(_WORD_BYTES)


def _splitmix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: every input bit reaches every output bit."""
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


@dataclass(frozen=True)
class ShingleSets:
    """Each text's set of shingle hashes: ``keys[offsets[i] : offsets[i] + counts[i]]``, sorted and unique.

    32 bits per shingle are plenty for comparing two paragraphs of a few dozen shingles (a false match between
    two of them has odds of about 1 in 10**6), and halve the memory of the comparison."""

    keys: np.ndarray  # uint32
    offsets: np.ndarray  # int64
    counts: np.ndarray  # int64


class MinHasher:
    """Signatures, LSH buckets and exact shingle sets for many paragraphs at once, all vectorised with NumPy.

    A token's hash is a polynomial over its UTF-8 bytes modulo 2**64 (computed for a whole batch from one prefix
    sum), mixed by splitmix64: stable across processes and machines, unlike ``hash()``. A shingle's hash mixes
    its tokens' hashes; permutation ``i`` is the multiply-shift hash ``(a_i * x + b_i) mod 2**64 >> 32`` (a
    universal family), computed for a few thousand shingles at a time (the matrix stays in the CPU cache) and
    reduced per paragraph with ``minimum.reduceat``. ``bench/near_dup.py`` measures it.
    """

    _CHUNK_BYTES = 1 << 19  # token bytes hashed per step: the prefix arrays stay a few MB
    _CHUNK_SHINGLES = 2048  # shingles x permutations per matrix: 2048 x 64 x 8 bytes = 1 MB, cache-resident

    def __init__(self, params: NearDupParams = DEFAULT_PARAMS) -> None:
        self.params = params
        rng = np.random.default_rng(params.seed)
        self._a = rng.integers(1, 2**63, size=params.permutations, dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, 2**63, size=params.permutations, dtype=np.uint64)
        self._mix = rng.integers(1, 2**63, size=params.shingle, dtype=np.uint64) | np.uint64(1)
        self._band_mix = rng.integers(1, 2**63, size=params.rows, dtype=np.uint64) | np.uint64(1)
        self._band_salt = rng.integers(0, 2**63, size=params.bands, dtype=np.uint64)
        self._pow: tuple[np.ndarray, np.ndarray] = (np.ones(0, dtype=np.uint64), np.ones(0, dtype=np.uint64))
        self._stop: tuple | None = None

    # -------------------------------------------------------------------------------------- tokens

    def _powers(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(P**i, P**-i) for i < n at least. Threads share a hasher (the one-process pool runs extraction in the
        fetch threads), so the pair is replaced by one assignment: a reader never sees a new P with an old Q."""
        powers = self._pow
        if len(powers[0]) < n:
            size = max(n, 2 * len(powers[0]), self._CHUNK_BYTES + 4096)
            powers = self._pow = (np.cumprod(np.full(size, _TOKEN_P, dtype=np.uint64)) * _TOKEN_Q,
                                  np.cumprod(np.full(size, _TOKEN_Q, dtype=np.uint64)) * _TOKEN_P)
        return powers

    _STOP_SLOT_BITS = 20  # a 2**20-slot table (8 MB) holds the ~3,500 function words without a collision

    def _is_stop(self, tokens: np.ndarray) -> np.ndarray:
        """Which token hashes are function words: one lookup each in a collision-free table (a multiplier is
        searched for once so that no two function words share a slot), 2.5x faster than a sorted search."""
        if self._stop is None:
            hashes, _ = self._token_hashes([token_stream(w) for w in sorted(stop_words())])
            hashes = np.unique(hashes)
            shift = np.uint64(64 - self._STOP_SLOT_BITS)
            rng = np.random.default_rng(self.params.seed)
            while True:
                multiplier = rng.integers(1, 2**63, dtype=np.uint64) | np.uint64(1)
                slots = (hashes * multiplier) >> shift
                if len(np.unique(slots)) == len(hashes):
                    break
            table = np.zeros(1 << self._STOP_SLOT_BITS, dtype=np.uint64)
            table[slots] = hashes  # (a token hashing to 0 would match an empty slot: 1 in 2**64, and harmless)
            self._stop = (table, multiplier, shift)
        table, multiplier, shift = self._stop
        return table[(tokens * multiplier) >> shift] == tokens

    def _token_hashes(self, streams: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """Every token's 64-bit hash, in order, and the number of tokens of each stream."""
        hashes, counts = [], []
        i = 0
        while i < len(streams):
            j, size = i, 0
            while j < len(streams) and (j == i or size + len(streams[j]) < self._CHUNK_BYTES):
                size += len(streams[j]) + 1
                j += 1
            h, c = self._token_hashes_chunk(streams[i:j])
            hashes.append(h)
            counts.append(c)
            i = j
        if not hashes:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64)
        return np.concatenate(hashes), np.concatenate(counts)

    def _token_hashes_chunk(self, streams: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        lengths = np.fromiter(map(len, streams), dtype=np.int64, count=len(streams)) + 1
        data = np.frombuffer(b" ".join(streams) + b" ", dtype=np.uint8)
        edges = np.diff((data != _SPACE).view(np.int8), prepend=np.int8(0))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)  # the separator after each token (the data ends with one)
        counts = np.add.reduceat((edges == 1).astype(np.int32), np.cumsum(lengths) - lengths)
        ppow, qpow = self._powers(len(data))
        # sum_k byte_k * P**(end-1-k) over a token = P**(end-1) * (prefix(end) - prefix(start)), prefix of byte*P**-k
        prefix = np.zeros(len(data) + 1, dtype=np.uint64)
        np.cumsum(data.astype(np.uint64) * qpow[: len(data)], out=prefix[1:])
        hashes = (prefix[ends] - prefix[starts]) * ppow[ends - 1]
        return _splitmix(hashes), counts.astype(np.int64)

    # -------------------------------------------------------------------------------------- shingles

    def _shingles(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every text's shingle hashes (function-word-only shingles left out, see :func:`shingle_set`),
        concatenated, each text's shingle count, and each text's word count."""
        streams = [token_stream(normalize_paragraph(t)) for t in texts]
        tokens, words_per_text = self._token_hashes(streams)
        n = len(streams)
        if n == 0:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64), words_per_text
        is_stop = self._is_stop(tokens)
        lengths = words_per_text
        if not lengths.all():  # a text without words counts one empty token, so every text has a shingle
            where = (np.cumsum(lengths) - lengths)[lengths == 0]
            tokens = np.insert(tokens, where, np.uint64(0))
            is_stop = np.insert(is_stop, where, False)
            lengths = np.maximum(lengths, 1)
        size = self.params.shingle
        padded = np.concatenate([tokens, np.zeros(size, dtype=np.uint64)])
        padded_stop = np.concatenate([is_stop, np.ones(size, dtype=bool)])
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
        # leave out function-word-only shingles, unless a text has nothing else
        kept = np.add.reduceat(keep.astype(np.int64), first)
        keep |= np.repeat(kept == 0, counts)
        shingles = shingles[keep]
        counts = np.add.reduceat(keep.astype(np.int64), first)
        return shingles, counts, words_per_text

    def shingle_sets(self, texts: Iterable[str]) -> ShingleSets:
        """The exact shingle sets of ``texts``, for :meth:`similarities`."""
        shingles, counts, _ = self._shingles(texts)
        owner = np.repeat(np.arange(len(counts), dtype=np.uint64), counts)
        keys = np.unique((owner << np.uint64(32)) | (shingles >> np.uint64(32)))
        unique_counts = np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=len(counts))
        offsets = np.cumsum(unique_counts) - unique_counts
        return ShingleSets((keys & np.uint64(0xFFFFFFFF)).astype(np.uint32), offsets, unique_counts)

    @staticmethod
    def similarities(sets: ShingleSets, left: np.ndarray, right: np.ndarray, measure: str) -> np.ndarray:
        """The similarity of text ``left[k]`` to text ``right[k]`` for every k, in one pass: each pair's two sets
        are laid out under the pair's number, so one sorted search counts every intersection."""
        left = np.asarray(left, dtype=np.int64)
        right = np.asarray(right, dtype=np.int64)
        if len(left) == 0:
            return np.zeros(0, dtype=np.float64)

        def tagged(side: np.ndarray) -> np.ndarray:
            lengths = sets.counts[side]
            firsts = np.cumsum(lengths) - lengths
            positions = np.repeat(sets.offsets[side] - firsts, lengths) + np.arange(int(lengths.sum()))
            pair = np.repeat(np.arange(len(side), dtype=np.uint64), lengths)
            return (pair << np.uint64(32)) | sets.keys[positions].astype(np.uint64)

        a, b = tagged(left), tagged(right)  # b is sorted: pairs in order, each set sorted
        at = np.minimum(np.searchsorted(b, a), len(b) - 1)
        hits = (a >> np.uint64(32))[b[at] == a].astype(np.int64)
        inter = np.bincount(hits, minlength=len(left)).astype(np.float64)
        na, nb = sets.counts[left], sets.counts[right]
        if measure == "containment":
            smaller = np.minimum(na, nb)
            return np.where(smaller > 0, inter / np.maximum(smaller, 1), (na == nb).astype(np.float64))
        union = na + nb - inter
        return np.where(union > 0, inter / np.maximum(union, 1), 1.0)

    # -------------------------------------------------------------------------------------- signatures

    def signatures(self, texts: Iterable[str]) -> np.ndarray:
        """An ``(n, bands * rows)`` uint32 matrix: row ``i`` is the MinHash signature of ``texts[i]``."""
        return self.hash(texts)[0]

    def hash(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """Signatures (see :meth:`signatures`) and word counts of ``texts``; a paragraph is indexed when its word
        count reaches ``params.min_words``."""
        shingles, counts, words_per_text = self._shingles(texts)
        n, k = len(counts), self.params.permutations
        out = np.empty((n, k), dtype=np.uint64)
        if n == 0:
            return out.astype(np.uint32), words_per_text
        first = np.cumsum(counts) - counts
        buf = np.empty((self._CHUNK_SHINGLES, k), dtype=np.uint64)
        bounds = np.searchsorted(first, np.arange(0, len(shingles), self._CHUNK_SHINGLES), side="right") - 1
        edges = sorted({*bounds.tolist(), n})
        for a, b in itertools.pairwise(edges):
            lo = first[a]
            hi = first[b] if b < n else len(shingles)
            m = buf[: hi - lo] if hi - lo <= len(buf) else np.empty((hi - lo, k), dtype=np.uint64)
            np.multiply(shingles[lo:hi, None], self._a[None, :], out=m)
            m += self._b
            # the minimum of the full 64-bit values has the minimum top half: shift after reducing
            out[a:b] = np.minimum.reduceat(m, first[a:b] - lo, axis=0)
        out >>= np.uint64(32)
        return out.astype(np.uint32), words_per_text

    def buckets(self, signatures: np.ndarray) -> np.ndarray:
        """An ``(n, bands)`` int32 matrix of LSH bucket keys (band index mixed in, so bands never collide).

        32 bits are enough (see migration 0008): a candidate needs ``min_bands`` shared buckets and is then
        verified on its text, so a rare chance collision costs one comparison, never a wrong link."""
        p = self.params
        sig = signatures.astype(np.uint64).reshape(len(signatures), p.bands, p.rows)
        h = (sig * self._band_mix[None, None, :]).sum(axis=2, dtype=np.uint64) + self._band_salt[None, :]
        # a final avalanche so that nearby sums do not cluster in the index; its top half is the bucket
        return (_splitmix(h) >> np.uint64(32)).astype(np.uint32).view(np.int32)


@functools.cache
def hasher_for(params: NearDupParams = DEFAULT_PARAMS) -> MinHasher:
    """One hasher per process and parameters: its tables (function words, powers) are built once."""
    return MinHasher(params)


def index_keys(texts: Sequence[str], params: NearDupParams = DEFAULT_PARAMS) -> list[tuple[int, bytes]]:
    """Each text's word count and LSH buckets (``bands`` int32, little-endian bytes), computed where the
    paragraphs are made (the extraction workers, on every core) so the single loader only looks them up. The
    loader uses them when they were made with its parameters (``params.version``) and hashes again otherwise."""
    if not texts:
        return []
    hasher = hasher_for(params)
    signatures, word_counts = hasher.hash(texts)
    buckets = hasher.buckets(signatures).astype("<i4")
    return [(int(n), row.tobytes()) for n, row in zip(word_counts.tolist(), buckets)]


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
    hasher: MinHasher | None = None,
) -> list[NearMatch]:
    """Verify LSH candidates exactly and pick each new paragraph's best match.

    ``new``: (paragraph_id, text) in arrival order; ``candidates``: paragraph_id -> ids sharing a bucket
    (stored ones and earlier ones of ``new``); ``texts``: text of every candidate; ``roots``: the canonical
    paragraph of each stored candidate (itself when it is canonical). A new paragraph that matches becomes part
    of the best match's cluster, so later arrivals in the same batch link to the same root. Every candidate pair
    is scored in one vectorised pass over the exact shingle sets (:meth:`MinHasher.similarities`).
    """
    hasher = hasher or hasher_for(params)
    for pid, text in new:
        texts.setdefault(pid, text)
    pairs = [(pid, other) for pid, _ in new for other in candidates.get(pid, ()) if other != pid and other in texts]
    ids = list(dict.fromkeys(x for pair in pairs for x in pair))
    index = {pid: i for i, pid in enumerate(ids)}
    sets = hasher.shingle_sets([texts[pid] for pid in ids])
    scores = hasher.similarities(sets, np.fromiter((index[a] for a, _ in pairs), np.int64, len(pairs)),
                                 np.fromiter((index[b] for _, b in pairs), np.int64, len(pairs)), params.measure)
    scored: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (pid, other), score in zip(pairs, scores.tolist()):
        if score >= params.threshold:
            scored[pid].append((score, other))
    out = []
    for pid, _ in new:
        found = scored.get(pid)
        if not found:
            roots[pid] = pid
            continue
        # ties go to the smaller id so the choice does not depend on the order candidates were listed in
        score, other = min(found, key=lambda x: (-x[0], x[1]))
        root = roots.get(other, other)
        roots[pid] = root
        out.append(NearMatch(pid, root, round(score, 4)))
    return out
