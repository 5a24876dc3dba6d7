"""Which of the 123 NTREX-128 articles report the same event: labelled by hand from their English
headlines and leads (newstest2019 was collected over a few days of September 2018, so several
outlets' reports of one event are in it). Indexes are the articles' order in DOCUMENT_IDS.tsv.

STORIES: articles that must land in one story. EITHER: articles that may be put together or not
(one event's coverage shading into another: Trump's Wheeling rally spoke of Kavanaugh and of Kim
Jong Un; Track Palin's arrests of 2016 and 2018; Kanye West's name change and his SNL appearance).
Every other pair must not be put together.
"""

STORIES = {
    "Macedonia's name referendum": [1, 33],
    "the Sulawesi earthquake and tsunami": [7, 9, 27, 28, 66, 97, 99, 107],
    "Hurricane Rosa": [13, 24],
    "Kavanaugh's nomination and the FBI inquiry": [14, 60, 68, 115, 117],
    "Trump's rally in Wheeling, West Virginia": [26, 36, 45, 105],
    "the shooting of Wayde Sims": [16, 103],
    "the 2018 Ryder Cup": [46, 47, 73, 74, 121],
    "Ri Yong Ho at the UN General Assembly": [41, 48],
    "Livingston 1, Rangers 0": [20, 50],
    "Elizabeth Warren's 'hard look' at 2020": [63, 102],
    "Walid al-Moualem at the UN General Assembly": [89, 120],
}
EITHER = [{6, 14, 26, 36, 45, 60, 68, 79, 105, 115, 117}, {6, 41, 48}, {64, 98}, {30, 53}]

LABEL = {i: story for story, members in STORIES.items() for i in members}


def must_not_join(i: int, j: int) -> bool:
    if i == j or any(i in group and j in group for group in EITHER):
        return False
    return not (i in LABEL and LABEL.get(j) == LABEL[i])
