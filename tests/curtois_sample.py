"""A small instance in the Curtois & Qu format, written for the tests, and a roster of it whose
objective is worked out by hand."""

from __future__ import annotations

COVER = "\n".join(
    f"{day},{code},{0 if (day, code) == (5, 'L') else 1},100,1"
    for day in range(14)
    for code in "EL"
)

SAMPLE = f"""# A hand-made instance: two weeks, two shifts, two people
SECTION_HORIZON
# days
14

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,600,E

SECTION_STAFF
A,E=14|L=3,4800,960,5,2,2,1
B,E=0|L=14,6000,0,4,1,1,2

SECTION_DAYS_OFF
A,0,1
B,13

SECTION_SHIFT_ON_REQUESTS
A,3,E,2
A,5,E,2

SECTION_SHIFT_OFF_REQUESTS
B,6,L,3

SECTION_COVER
{COVER}
""".replace("\n", "\r\n")  # the published files have CRLF line endings

# A keeps every rule; its objective: A's on-request on day 5 (2) + B's off-request on day 6 (3)
# + E uncovered on days 0, 1, 5, 6, 12, 13 (6 x 100) + L uncovered on days 4, 10, 11, 13
# (4 x 100; day 5 needs no L) = 1005.
ROSTER: dict[str, str] = {"A": "..EEE..EEEEE..", "B": "LLLL..LLLL..L."}
ROSTER_OBJECTIVE = 1005


def roster_rows(rows: dict[str, str]) -> dict[str, list[str | None]]:
    """One letter per day, '.' for a day off."""
    return {e: [None if c == "." else c for c in row] for e, row in rows.items()}
