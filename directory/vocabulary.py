"""The SEND vocabulary: the words families use for what the directory holds.

Defined once, beside the need taxonomy (directory/taxonomy.py), and read by every search
backend through search/vocabulary.py (none keeps a copy of its own). Each entry is a group of
words that mean the same thing to a family looking for help: the directory's own term first,
then the everyday words, acronyms, older terms and word forms families type for it. A search
for any of them also finds the others, except that a word marked ">" only leads to the group:
typing it searches for the others, but searching for the others does not look for it (an
ordinary word such as "work" or "unit" would otherwise find every listing saying "we work
with children").

Officers extend it in the admin (Directory > Search words: directory.models.SearchWords, with
revisions); `groups()` is the built-in list below, the need taxonomy's own words and theirs.

Word forms the stemmers already join (swim/swimming, club/clubs, job/jobs) need no entry:
SQLite's Porter tokenizer, PostgreSQL's english configuration and the search engine's stemmer
do that. Entries here are for what stemming cannot know: dyslexic/dyslexia, autistic/autism,
therapist/therapy, and every synonym and acronym.
"""

import re

from .taxonomy import NEED_TYPES, ServiceCategory

# Sources for the acronyms: the SEND Code of Practice 2015 (glossary, Annex 2), the DfE school
# census SEN type codes, NHS service names. Everyday words: what families type, from the
# issue's tests on the demo.
SEND_VOCABULARY = (
    # Needs, with the words families meet in letters and reports.
    (
        "autism",
        "autistic",
        "autistic spectrum",
        "ASD",
        "ASC",
        "autistic spectrum condition",
        "asperger",
        "aspergers",
        "asperger syndrome",
    ),
    (
        "dyslexia",
        "dyslexic",
        "specific learning difficulty",
        "specific learning difficulties",
        "SpLD",
        "dyspraxia",
        "dyspraxic",
        "dyscalculia",
        "reading difficulties",
        "cannot read",
        "can't read",
        "struggles to read",
        "struggling with reading",
    ),
    ("ADHD", ">ADD", "attention deficit", "hyperactivity", "hyperactive"),
    (
        "social, emotional and mental health",
        "SEMH",
        "emotional wellbeing",
        ">behaviour",
        ">behavioural",
        "anxiety",
        "anxious",
    ),
    (
        "moderate learning difficulty",
        "MLD",
        "learning difficulties",
        "learning difficulty",
        "learning disability",
        "learning disabilities",
    ),
    ("severe learning difficulty", "SLD"),
    ("profound and multiple learning difficulty", "PMLD"),
    ("hearing impairment", "HI", "deaf", "hearing impaired", "hard of hearing", "hearing loss"),
    (
        "visual impairment",
        "VI",
        "blind",
        "visually impaired",
        "partially sighted",
        "sight loss",
        "sight impairment",
    ),
    ("multi-sensory impairment", "MSI", "deafblind", "deaf blind"),
    (
        "physical disability",
        "PD",
        "wheelchair",
        "wheelchair user",
        "physically disabled",
        ">mobility",
    ),
    (
        "speech, language and communication needs",
        "SLCN",
        "DLD",
        "developmental language disorder",
        "language delay",
        "speech delay",
    ),
    # Services.
    (
        "speech and language therapy",
        "SALT",
        "SLT",
        "speech therapy",
        "speech therapist",
        "speech and language therapist",
        "speech and language therapists",
        "speech and language therapies",
    ),
    ("occupational therapy", "OT", "occupational therapist", "occupational therapists"),
    ("physiotherapy", "physio", "physios", "physiotherapist", "physiotherapists"),
    ("hydrotherapy", "hydro", "hydro pool", "hydrotherapy pool"),
    ("therapy", "therapist", "therapists", "therapies"),
    (
        "child and adolescent mental health",
        "CAMHS",
        "children and young people's mental health",
        "mental health service",
    ),
    (
        "paediatrics",
        "paediatrician",
        "pediatrician",
        "pediatrics",
        "paeds",
        "children's doctor",
        "community paediatrician",
    ),
    (
        "neurodevelopmental",
        ">neurodevelopment",
        "neurodiversity",
        "neurodivergent",
        ">diagnosis",
        ">assessment",
    ),
    ("short breaks", "respite", "respite care", "short break"),
    (
        "SENDIAS",
        "SENDIASS",
        "IASS",
        "information advice and support",
        "parent partnership",
        "impartial advice",
    ),
    ("social care", "social worker", "social workers", "social services"),
    (
        "transport",
        ">travel",
        "school transport",
        "school bus",
        "taxi to school",
        ">getting to school",
        ">travel to school",
    ),
    ("travel training", "independent travel"),
    ("leisure", ">activities", ">clubs", ">things to do"),
    ("swimming", "swim", "swimming lessons", "swimming pool"),
    ("youth club", "youth clubs", "youth group"),
    (
        "employment",
        "jobs",
        ">work",
        ">job",
        "job coach",
        "supported employment",
        ">work experience",
    ),
    (
        "supported internships",
        "supported internship",
        "internship",
        "internships",
        ">work experience",
    ),
    ("independent living", "living skills", ">independence", "supported living", ">housing"),
    ("preparing for adulthood", "PfA", "transition to adulthood"),
    # Settings and plans.
    ("special school", "special schools", "specialist school", "SEN school"),
    ("resourced provision", "SEN unit", ">unit", ">base", "specialist provision"),
    ("alternative provision", ">AP", "PRU", "pupil referral unit"),
    ("nursery", "early years", "preschool", "pre-school", "playgroup"),
    ("college", "post-16", "sixth form", "further education", ">FE"),
    (
        "education, health and care plan",
        "EHCP",
        "EHC plan",
        ">statement",
        "statement of special educational needs",
    ),
    (
        "SENCO",
        "SENCo",
        "special educational needs coordinator",
        "special educational needs co-ordinator",
        "inclusion lead",
    ),
)

# Words a family's question carries that say nothing about what they are looking for ("help
# for my son who cannot read"): left out of the words a listing must contain, unless a search
# is made of nothing else. Kept short: a word here can never narrow a search.
FILLER_WORDS = frozenset(
    """a an and are at be by can do does for from get getting has have help helps how i i'm
    in is it looking me my near need needs of on or our please some that the their there
    this to want what where which who with would you your son daughter child kid kids
    boy girl year old childs sons daughters find finding young people""".split()
)


def words_of(text):
    """A text's words as searches compare them: lower case, apostrophes dropped."""
    return re.findall(r"[\w]+", (text or "").lower().replace("'", "").replace("’", ""))


def built_in_groups():
    """The built-in list, the need taxonomy's names and words, and the service categories'
    names, as groups of phrases (the directory's own term first)."""
    found = [tuple(group) for group in SEND_VOCABULARY]
    # A need's own words are indexed with each listing that meets it (Need.search_text); its
    # name and code lead to each other here.
    for need in NEED_TYPES:
        found.append((need.name, need.code))
    for category in ServiceCategory:
        found.append((category.label,))
    return found


def parse_words(text):
    """An officer's list of words ("play scheme, holiday club" or one a line) as phrases."""
    return [phrase.strip() for phrase in re.split(r"[,;\n]", text or "") if phrase.strip()]


def search_engine_analysis():
    """Elasticsearch / OpenSearch index settings built from the built-in vocabulary: English
    stemming when indexing and searching, and the vocabulary's groups as search-time
    synonyms (Solr rules: "a, b, c" for a group, "x => x, a, b" for a word marked ">"). The
    family search also sends each search in families' words (search/vocabulary.py), with
    officers' additions; these analysers make the engine's own matching agree with it."""
    rules = []
    for group in built_in_groups():
        both, one_way = [], []
        for phrase in group:
            words = " ".join(words_of(phrase.lstrip(">")))
            if words:
                (one_way if phrase.startswith(">") else both).append(words)
        both = list(dict.fromkeys(both))
        if len(both) > 1:
            rules.append(", ".join(both))
        for words in one_way:
            rules.append(f"{words} => {', '.join([words, *both])}")
    stemmed = ["english_possessive", "lowercase", "english_stemmer"]
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                    "english_stemmer": {"type": "stemmer", "language": "english"},
                    "send_vocabulary": {
                        "type": "synonym_graph",
                        "synonyms": rules,
                        "lenient": True,
                    },
                },
                "analyzer": {
                    "default": {"tokenizer": "standard", "filter": stemmed},
                    "default_search": {
                        "tokenizer": "standard",
                        "filter": [*stemmed[:2], "send_vocabulary", stemmed[2]],
                    },
                },
            }
        }
    }
