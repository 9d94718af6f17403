"""Rules that need the whole folder: unique ids, references that resolve, duplicates.

They run on every load, cached or not, because any file can break them.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from heapq import merge
from itertools import islice, repeat
from typing import TYPE_CHECKING, Any

import cydifflib
from rapidfuzz import fuzz, process

from timeline.errors import Problem, escape_controls
from timeline.folding import fold
from timeline.model import Actor, Campaign, Event, LocalText
from timeline.validate import messages
from timeline.validate.record import FileResult
from timeline.validate.yamlfile import dotted
from timeline.vocab import RELATION_TYPE_IDS

if TYPE_CHECKING:
    import difflib  # the API cydifflib implements

DUPLICATE_TITLE_RATIO = 0.85
# Titles are compared on this many characters (folded): enough for any real title,
# and it keeps a pair of absurdly long ones (a file can hold 1 MiB) from taking
# seconds each.
COMPARED_TITLE_LENGTH = 300


def duplicate_ids(results: Iterable[FileResult]) -> list[Problem]:
    """The same id used by two files of one kind (possible in different year folders)."""
    first: dict[tuple[str, str], str] = {}
    problems = []
    for result in results:
        record_id = result.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        key = (result.kind, record_id)
        if key in first:
            problems.append(messages.problem(result.path, 1, 1, "", "duplicate-id",
                                             kind=result.kind, value=record_id,
                                             other=first[key]))
        else:
            first[key] = result.path
    return problems


def references(results: list[FileResult], actors: Mapping[str, Actor],
               campaigns: Mapping[str, Campaign], written: Mapping[str, AbstractSet[str]],
               folder: str) -> dict[str, list[Problem]]:
    """Unknown actor, campaign, demand and event ids, keyed by the file they are in.

    Every file's references are checked, valid or not, so one run reports a bad
    country and a misspelt actor together. ``written`` holds the ids of every file
    of each kind: a reference to a record that exists but has problems of its own
    is not reported a second time.
    """
    actor_files = written.get("actor", set()) | set(actors)
    campaign_files = written.get("campaign", set()) | set(campaigns)
    event_ids = written.get("event", set())
    found: dict[str, list[Problem]] = defaultdict(list)
    for result in results:
        for where, target, value in result.references:
            # Past what a file shows (messages.capped), a problem is only counted.
            near = (messages.did_you_mean if len(found.get(result.path, ()))
                    < messages.MAX_PROBLEMS_PER_FILE else _no_suggestion)
            if target == "actor" and value not in actor_files:
                _add(found, result, where, "unknown-actor", value=value,
                     suggestion=near(value, actor_files), folder=folder)
            elif target == "campaign" and value not in campaign_files:
                _add(found, result, where, "unknown-campaign", value=value,
                     suggestion=near(value, campaign_files), folder=folder)
            elif target == "event" and value not in event_ids:
                _add(found, result, where, "unknown-event", value=value,
                     suggestion=near(value, event_ids))
            elif target == "demand":
                _demand(found, result, where, value, campaigns, campaign_files, folder)
    return found


def _no_suggestion(value: object, choices: Iterable[str]) -> str:
    return ""


def _demand(found: dict[str, list[Problem]], result: FileResult,
            where: tuple[str | int, ...], value: str, campaigns: Mapping[str, Campaign],
            campaign_files: AbstractSet[str], folder: str) -> None:
    campaign_id, _, demand_id = value.partition("/")
    campaign = campaigns.get(campaign_id)
    if campaign is None and campaign_id in campaign_files:
        return  # the campaign's own file is broken and reported there
    if campaign is None:
        _add(found, result, where, "unknown-campaign", value=campaign_id,
             suggestion=messages.did_you_mean(campaign_id, campaign_files), folder=folder)
    elif campaign.demand(demand_id) is None:
        ids = [d.id for d in campaign.demands]
        _add(found, result, where, "unknown-demand", value=demand_id, campaign=campaign_id,
             suggestion=messages.did_you_mean(demand_id, ids), choices=", ".join(ids) or "(none)")


def _add(found: dict[str, list[Problem]], result: FileResult, path: tuple[str | int, ...],
         code: str, **values: Any) -> None:
    line, column = result.position(path)
    found[result.path].append(messages.problem(result.path, line, column, dotted(path), code,
                                               **values))


def likely_duplicates(events: list[FileResult]) -> list[Problem]:
    """Warnings for events on the same dates, sharing a country, with near-equal titles.

    Within each group of events that share a date and a country, events with the same
    titles are one node, and rapidfuzz scores each pair of distinct titles of a near
    length once, in C (its ratio bounds difflib's from above); only the pairs it
    proposes are confirmed with difflib's ``SequenceMatcher`` (cydifflib: the same
    algorithm in C). The warnings are exactly those of comparing every pair with
    ``SequenceMatcher``, in the same order (``tests/test_crosscheck.py``), except that
    a file gets at most :data:`messages.MAX_PROBLEMS_PER_FILE` of them, then one
    problem standing for the rest (``hidden``), which :func:`messages.capped` shows as
    "and N more" as it would have the rest: what ``validate`` prints is the same, and
    the work and memory grow with the warnings shown, not with every similar pair
    (20,000 events with one title are 200 million pairs).

    The distinct titles of one group are still scored pair by pair: no blocking that
    never misses a pair the ratio would flag prunes much at 0.85 (a pair may differ by
    15% of its letters, which can touch every word and most q-grams of a title; the
    README's "What remains" has the numbers).
    """
    groups: dict[tuple[object, ...], list[FileResult]] = defaultdict(list)
    for result in events:
        event = result.record
        assert isinstance(event, Event)
        for key in group_keys(event.type, event.countries):
            groups[(event.date.start, event.date.end, *key)].append(result)
    crowded = [group for group in groups.values() if len(group) > 1]
    letters = _Letters()
    titles: dict[str, list[_Title]] = {}
    for group in crowded:
        for result in group:
            if result.path not in titles:
                titles[result.path] = [_Title(fold(t)[:COMPARED_TITLE_LENGTH], letters)
                                       for t in result.record.title.values()]  # type: ignore[union-attr]
    letters.close()
    warnings = _Warnings()
    # Events sharing two countries meet in two groups: a pair is reported once, in
    # the first. Only events in more than one group can meet twice.
    memberships = Counter(result.path for group in crowded for result in group)
    reported: set[tuple[str, str]] = set()
    for group in crowded:
        matches = _earlier_matches([titles[result.path] for result in group], letters)
        for i, sources in enumerate(matches):
            ends = [bisect_left(source, i) for source in sources]
            count = sum(ends)
            if not count:
                continue
            later = group[i]
            room = warnings.room(later.path)
            earlier = (islice(source, end) for source, end in zip(sources, ends, strict=True))
            if memberships[later.path] == 1:
                # Only the first ``room`` are read (lazily: the lists can be long) and
                # written; the rest are counted.
                warnings.write(later, (group[j] for j in islice(merge(*earlier), room)))
                if count > room:
                    warnings.hide(later, count - room)
            else:
                warnings.write(later, _first_meetings(group, merge(*earlier), later,
                                                      memberships, reported))
    return warnings.problems()


def _first_meetings(group: list[FileResult], indexes: Iterable[int], later: FileResult,
                    memberships: Counter[str], reported: set[tuple[str, str]]
                    ) -> Iterator[FileResult]:
    """The earlier events at ``indexes`` whose pair with ``later`` no earlier group
    reported (``later`` is in more than one group)."""
    for j in indexes:
        earlier = group[j]
        if memberships[earlier.path] > 1:
            pair = (earlier.path, later.path)
            if pair in reported:
                continue
            reported.add(pair)
        yield earlier


class _Warnings:
    """The likely-duplicate warnings, at most a file's limit each, then a count."""

    def __init__(self) -> None:
        self.written: list[Problem] = []
        self.count: Counter[str] = Counter()
        self.hidden: dict[str, tuple[FileResult, int]] = {}  # per path: its event, how many
        self.said: dict[str, str] = {}  # the message about each earlier event, once
        self.shown: dict[str, str] = {}  # each later event's path, escaped once

    def room(self, path: str) -> int:
        return max(messages.MAX_PROBLEMS_PER_FILE - self.count[path], 0)

    def write(self, later: FileResult, earlier: Iterable[FileResult]) -> None:
        """A warning on ``later`` for each of ``earlier``, as long as its file has room."""
        path = self._path(later)
        line, column = later.position(("title",))
        room = self.room(later.path)
        said, append, written, over = self.said, self.written.append, 0, 0
        for other in earlier:
            if written == room:
                over += 1
                continue
            message = said.get(other.path)
            if message is None:
                title: LocalText = other.record.title  # type: ignore[union-attr]
                message = said[other.path] = escape_controls(
                    duplicate_message(other.path, title))
            append(Problem.escaped(path, line, column, "title", message,
                                   "likely-duplicate", "warning"))
            written += 1
        self.count[later.path] += written
        if over:
            self.hide(later, over)

    def hide(self, later: FileResult, count: int) -> None:
        self.hidden[later.path] = (later, self.hidden.get(later.path, (later, 0))[1] + count)

    def problems(self) -> list[Problem]:
        """The warnings written, then, for each file with more, one that stands for
        them (last of the file's, as the loader sorts stably)."""
        rest = []
        for later, count in self.hidden.values():
            line, column = later.position(("title",))
            rest.append(Problem(self._path(later), line, column, "title",
                                messages.render("too-many-problems", count=count),
                                "likely-duplicate", "warning", count))
        return self.written + rest

    def _path(self, later: FileResult) -> str:
        path = self.shown.get(later.path)
        if path is None:
            path = self.shown[later.path] = escape_controls(later.path)
        return path


def group_keys(type_: str, countries: Sequence[str]) -> list[tuple[str, ...]]:
    """The groups (beside the dates) an event is compared within: one per country, or,
    for a relation, its countries together."""
    if type_ in RELATION_TYPE_IDS:
        # Two states breaking with a third on one day are two events, not one.
        return [tuple(sorted(countries))]
    return [(country,) for country in countries]


def similar_titles(later: LocalText, earlier: LocalText) -> bool:
    """Whether an event titled ``later`` looks like one titled ``earlier`` (the rule of
    :func:`likely_duplicates` for one pair; difflib is not symmetric, so order matters)."""
    letters = _Letters()
    left = [_Title(fold(t)[:COMPARED_TITLE_LENGTH], letters) for t in later.values()]
    right = [_Title(fold(t)[:COMPARED_TITLE_LENGTH], letters) for t in earlier.values()]
    letters.close()
    return _similar(left, right, letters)


def duplicate_message(earlier_path: str, earlier_title: LocalText) -> str:
    """What the warning says about the event in ``earlier_path``."""
    return messages.render("likely-duplicate", other=earlier_path,
                           title=next(iter(earlier_title.values())))


def duplicate_warning(later: FileResult, earlier_path: str,
                      earlier_title: LocalText) -> Problem:
    """The warning on ``later`` that it looks like the event in ``earlier_path``."""
    line, column = later.position(("title",))
    return Problem(later.path, line, column, "title",
                   duplicate_message(earlier_path, earlier_title), "likely-duplicate",
                   "warning")


# rapidfuzz's ratio is 100 * 2 * LCS / (len(a) + len(b)); difflib's counts characters
# of matching blocks, a common subsequence, so it is never higher. A hair under the
# threshold keeps float rounding from dropping a pair difflib would accept.
_BOUND = DUPLICATE_TITLE_RATIO * 100 - 1e-6
# Two texts can reach the ratio only if the shorter is at least this share of the longer
# (2 * shorter / (shorter + longer) >= ratio).
_LENGTH_SHARE = DUPLICATE_TITLE_RATIO / (2 - DUPLICATE_TITLE_RATIO)


# Up to this many events, comparing every pair with the cheap bounds of _similar
# costs less than setting up the look-ups (most groups are this small).
_SMALL_GROUP = 40


def _earlier_matches(group: list[list[_Title]], letters: _Letters) -> list[list[list[int]]]:
    """For each event ``i`` of the group, ascending lists of events whose members
    ``j < i`` are the earlier events it looks like (disjoint lists, shared between
    events: the group's similar pairs are never listed one by one).

    Events with the same titles are one node; each distinct title text is looked up
    once, among the distinct texts of a near length, by rapidfuzz in C; each pair of
    nodes it proposes is confirmed once in each direction with :func:`_similar`
    (difflib, which is not symmetric).
    """
    if len(group) <= _SMALL_GROUP:
        return [[[j for j in range(i) if _similar(group[i], group[j], letters)]]
                for i in range(len(group))]
    members: dict[tuple[str, ...], list[int]] = defaultdict(list)
    keys: list[tuple[str, ...]] = []
    for index, event_titles in enumerate(group):
        key = tuple(title.text for title in event_titles)
        members[key].append(index)
        keys.append(key)
    containing: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in members:
        for text in dict.fromkeys(key):
            containing[text].append(key)
    distinct = sorted(containing, key=len)
    lengths = [len(text) for text in distinct]
    proposed: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    reach = _reach(lengths)
    for index, text in enumerate(distinct):
        # rapidfuzz's ratio is symmetric: each text is compared with itself (100) and
        # with the texts after it that either one's length window admits, so each
        # pair is scored once.
        high = bisect_right(lengths, reach[len(text)])
        matches = [(text, 100.0, index)] + process.extract(
            text, distinct[index + 1:high], scorer=fuzz.ratio, score_cutoff=_BOUND,
            limit=None)
        for other, _, _ in matches:
            for key in containing[text]:
                for other_key in containing[other]:
                    proposed.add((key, other_key) if key <= other_key else (other_key, key))
    like: dict[tuple[str, ...], list[list[int]]] = defaultdict(list)
    for key, other_key in proposed:
        if key == other_key:  # equal titles: every pair is similar (ratio 1.0)
            like[key].append(members[key])
            continue
        for later, earlier in ((key, other_key), (other_key, key)):
            # Only if some event of ``earlier`` comes before one of ``later``.
            if members[earlier][0] < members[later][-1] and _similar(
                    group[members[later][0]], group[members[earlier][0]], letters):
                like[later].append(members[earlier])
    return [like.get(key, []) for key in keys]


def _window(size: int) -> tuple[int, int]:
    """The lengths of the texts a text of ``size`` characters is compared with."""
    return (math.ceil(size * _LENGTH_SHARE - 1e-9),
            math.floor(size / _LENGTH_SHARE + 1e-9))


def _reach(lengths: list[int]) -> dict[int, int]:
    """For each length ``a`` (``lengths`` ascending), the longest length ``b >= a`` such
    that a text of one length falls in the other's :func:`_window`, whichever way round:
    comparing each text with the longer ones up to its reach finds every pair the
    windows admit, once."""
    reach: dict[int, int] = {}
    longest = lengths[-1] if lengths else 0
    for size in dict.fromkeys(lengths):
        other = _window(size)[1]
        while other < longest and _window(other + 1)[0] <= size:
            other += 1
        reach[size] = other
    return reach


class _Letters:
    """Letter counts packed into one integer per text, to bound shared letters quickly.

    Each letter seen gets a lane of :data:`_LANE` bits: a 16-bit count under a guard
    bit. The letters two texts share (the sum over letters of the smaller count) is
    then a handful of integer operations (:meth:`shared`) instead of a loop over
    letters. Texts longer than a lane can count are not packed.
    """

    __slots__ = ("guards", "lanes", "ones", "top")

    def __init__(self) -> None:
        self.lanes: dict[str, int] = {}
        self.guards = self.ones = self.top = 0

    def pack(self, counts: dict[str, int]) -> int:
        lanes, packed = self.lanes, 0
        for letter, count in counts.items():
            lane = lanes.get(letter)
            if lane is None:
                lane = lanes[letter] = len(lanes)
            packed |= count << (_LANE * lane)
        return packed

    def close(self) -> None:
        """Fix the constants for the lanes given out; call before :meth:`shared`."""
        count = max(len(self.lanes), 1)
        self.ones = sum(1 << (_LANE * lane) for lane in range(count))
        self.guards = self.ones << _COUNT_BITS
        self.top = _LANE * (count - 1)

    def shared(self, a: int, b: int) -> int:
        # In each lane the guard bit of (a | guard) - b survives where a >= b.
        where_b = (((a | self.guards) - b) & self.guards) >> _COUNT_BITS
        smaller = a ^ ((a ^ b) & (where_b * _COUNT_MASK))
        # Multiplying by one in every lane adds all lanes up into the top one.
        return (smaller * self.ones) >> self.top & _LANE_MASK


_COUNT_BITS = 16
_COUNT_MASK = (1 << _COUNT_BITS) - 1
_LANE = _COUNT_BITS + 1
_LANE_MASK = (1 << _LANE) - 1


class _Title:
    """A folded title, with what it takes to rule out most pairs without SequenceMatcher.

    ``SequenceMatcher.ratio`` is ``2 M / (len(a) + len(b))`` where the ``M`` matched
    characters form a common subsequence, so ``M`` is at most the longest common
    subsequence, which is at most the shared letters, which is at most the shorter
    length. Each bound is checked before the dearer one, and the matcher runs only
    when all pass: the answers are the matcher's, at a fraction of the cost.
    """

    __slots__ = ("counts", "matcher", "packed", "size", "text")

    def __init__(self, text: str, letters: _Letters) -> None:
        self.text = text
        self.size = len(text)
        self.counts = dict(Counter(text))
        # A lane counts up to 65,535 of a letter; longer texts use ``counts``.
        self.packed = letters.pack(self.counts) if len(text) <= _COUNT_MASK else None
        self.matcher: difflib.SequenceMatcher[str] | None = None  # cydifflib's

    def shared(self, other: _Title, letters: _Letters) -> int:
        """How many letters the two texts have in common, counting repeats."""
        if self.packed is not None and other.packed is not None:
            return letters.shared(self.packed, other.packed)
        counts = other.counts
        return sum(map(min, self.counts.values(), map(counts.get, self.counts, repeat(0))))

    def ratio_after(self, first: str) -> float:
        """``difflib.SequenceMatcher(None, first, self.text).ratio()``, computed by
        cydifflib (difflib's algorithm in C, the same answers); the matcher's index of
        this text (its second sequence) is built once, as difflib recommends."""
        matcher = self.matcher
        if matcher is None:
            matcher = self.matcher = cydifflib.SequenceMatcher(None)
            matcher.set_seq2(self.text)
        matcher.set_seq1(first)
        return matcher.ratio()


def _similar(left: list[_Title], right: list[_Title], letters: _Letters) -> bool:
    shared = letters.shared
    for a in left:
        size_a, packed_a = a.size, a.packed
        for b in right:
            size_b = b.size
            total = size_a + size_b
            if not total or a.text == b.text:
                return True  # equal titles (SequenceMatcher's ratio is 1.0)
            if 2.0 * (size_a if size_a < size_b else size_b) / total < DUPLICATE_TITLE_RATIO:
                continue
            common = (shared(packed_a, b.packed) if packed_a is not None
                      and b.packed is not None else a.shared(b, letters))
            if 2.0 * common / total < DUPLICATE_TITLE_RATIO:
                continue
            # rapidfuzz's ratio: the longest common subsequence, in C (0 under the cutoff)
            if not fuzz.ratio(a.text, b.text, score_cutoff=_BOUND):
                continue
            if b.ratio_after(a.text) >= DUPLICATE_TITLE_RATIO:
                return True
    return False
