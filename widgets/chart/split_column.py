"""A read-only column stored in two pieces (a large body and a small tail), indexed like one 1-d array.

``BarSeries`` keeps the bars it adopted from its caller as an immutable body and the live edge in a small
owned tail (see its module docstring).  Readers index a column with an int, a slice or an array of ints,
as they would a numpy array, and get numpy results; only the values asked for are read, so a slice
of the visible bars or a gather of bucket ends stays cheap however long the body is.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np


class SplitColumn:
    """``body`` followed by ``tail`` (both 1-d, same dtype), never concatenated whole unless asked."""

    __slots__ = ("_body", "_tail")

    def __init__(self, body: np.ndarray, tail: np.ndarray) -> None:
        self._body = body
        self._tail = tail

    def __len__(self) -> int:
        return len(self._body) + len(self._tail)

    @property
    def dtype(self) -> np.dtype:
        return self._body.dtype

    def __getitem__(self, key: Any) -> Any:
        """``column[i]`` (a numpy scalar), ``column[a:b:s]`` or ``column[int array]`` (numpy arrays)."""
        body, tail = self._body, self._tail
        nb, n = len(body), len(body) + len(tail)
        if isinstance(key, slice):
            start, stop, step = key.indices(n)
            if step != 1:
                return self[np.arange(start, stop, step, dtype=np.int64)]
            if stop <= nb:
                return body[start:stop]
            if start >= nb:
                return tail[start - nb : stop - nb]
            return np.concatenate((body[start:], tail[: stop - nb]))
        if isinstance(key, int | np.integer):
            i = int(key) + n if key < 0 else int(key)
            if not 0 <= i < n:
                raise IndexError(f"index {int(key)} is out of bounds for a column of {n}")
            return body[i] if i < nb else tail[i - nb]
        index = np.asarray(key)
        if index.dtype == np.bool_:
            if index.shape != (n,):
                raise IndexError("a boolean index must have the column's length")
            index = np.flatnonzero(index)
        elif not np.issubdtype(index.dtype, np.integer):
            raise IndexError("a column is indexed by integers, slices or integer arrays")
        index = np.where(index < 0, index + n, index)
        if index.size and (index.min() < 0 or index.max() >= n):
            raise IndexError(f"index out of bounds for a column of {n}")
        in_body = index < nb
        if in_body.all():
            return body[index]
        out = np.empty(index.shape, body.dtype)
        out[in_body] = body[index[in_body]]
        in_tail = ~in_body
        out[in_tail] = tail[index[in_tail] - nb]
        return out

    def searchsorted(self, values: Any, side: Literal["left", "right"] = "left") -> Any:
        """As ``ndarray.searchsorted`` on the whole column (body and tail each sorted): counts add up."""
        return self._body.searchsorted(values, side) + self._tail.searchsorted(values, side)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """The whole column as one array: a copy of every value when the tail is not empty (O(n))."""
        whole = np.concatenate((self._body, self._tail)) if len(self._tail) else self._body
        return whole if dtype is None else whole.astype(dtype, copy=False)
