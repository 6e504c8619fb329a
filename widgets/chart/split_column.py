"""A read-only column stored in pieces (a few large chunks and a small tail), indexed like one 1-d array.

``BarSeries`` keeps the bars it adopted from its caller and the pages of older history as immutable
chunks, and the live edge in a small owned tail (see its module docstring).  Readers index a column
with an int, a slice or an array of ints, as they would a numpy array, and get numpy results; only the
values asked for are read, so a slice of the visible bars or a gather of bucket ends stays cheap
however long the chunks are.  A slice inside one piece is a view of it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np


class SplitColumn:
    """The concatenation of ``parts`` (1-d, same dtype), never materialised whole unless asked."""

    __slots__ = ("_offsets", "_parts")

    def __init__(self, parts: Sequence[np.ndarray]) -> None:
        self._parts = [p for p in parts if len(p)] or list(parts[:1]) or [np.empty(0)]
        offsets = [0]
        for part in self._parts:
            offsets.append(offsets[-1] + len(part))
        self._offsets = offsets  # offsets[i] = index of parts[i][0]; offsets[-1] = length

    def __len__(self) -> int:
        return self._offsets[-1]

    @property
    def dtype(self) -> np.dtype:
        return self._parts[0].dtype

    def __getitem__(self, key: Any) -> Any:
        """``column[i]`` (a numpy scalar), ``column[a:b:s]`` or ``column[int array]`` (numpy arrays)."""
        n = len(self)
        if isinstance(key, slice):
            start, stop, step = key.indices(n)
            if step != 1:
                return self[np.arange(start, stop, step, dtype=np.int64)]
            pieces = [
                part[max(start - at, 0) : stop - at]
                for part, at in zip(self._parts, self._offsets, strict=False)
                if at < stop and at + len(part) > start
            ]
            if len(pieces) == 1:
                return pieces[0]
            return np.concatenate(pieces) if pieces else self._parts[0][:0]
        if isinstance(key, int | np.integer):
            i = int(key) + n if key < 0 else int(key)
            if not 0 <= i < n:
                raise IndexError(f"index {int(key)} is out of bounds for a column of {n}")
            p = bisect_right(self._offsets, i) - 1
            return self._parts[p][i - self._offsets[p]]
        index = np.asarray(key)
        if not np.issubdtype(index.dtype, np.integer):  # no boolean masks: nothing reads the chart that way
            raise IndexError("a column is indexed by integers, slices or integer arrays")
        if not index.size:
            return self._parts[0][index]
        lo, hi = int(index.min()), int(index.max())
        if lo < 0:
            index = np.where(index < 0, index + n, index)
            lo, hi = int(index.min()), int(index.max())
        if lo < 0 or hi >= n:
            raise IndexError(f"index out of bounds for a column of {n}")
        offsets = self._offsets
        first, last = bisect_right(offsets, lo) - 1, bisect_right(offsets, hi) - 1
        if first == last:
            return self._parts[first][index - offsets[first]]
        out = np.empty(index.shape, self.dtype)
        for p in range(first, last + 1):
            hit = (index >= offsets[p]) & (index < offsets[p + 1])
            out[hit] = self._parts[p][index[hit] - offsets[p]]
        return out

    def searchsorted(self, values: Any, side: Literal["left", "right"] = "left") -> Any:
        """As ``ndarray.searchsorted`` on the whole column (each piece sorted, in order): counts add up."""
        found = self._parts[0].searchsorted(values, side)
        for part in self._parts[1:]:
            found = found + part.searchsorted(values, side)
        return found

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """The whole column as one array: a copy of every value when it is in several pieces (O(n))."""
        whole = np.concatenate(self._parts) if len(self._parts) > 1 else self._parts[0]
        return whole if dtype is None else whole.astype(dtype, copy=False)
