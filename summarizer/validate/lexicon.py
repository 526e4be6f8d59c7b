"""Small hand-written word lists the checks share: synonyms, aliases, numbers, cues.

Kept deliberately small and general (news English), and in one place so that a
desk can read what the validator treats as "the same word". Nothing here is keyed
to a particular evaluation record.
"""

from __future__ import annotations

# --- synonyms and derivations -------------------------------------------------
# Each group is a set of words an editor would accept for one another in a summary
# of a news article. Words are matched through their Snowball stems, so one
# inflection per word is enough.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    # units of measure: a model writes "km/h" where the article says "kilometres per hour"
    ("km", "kilometre", "kilometres", "kilometer", "kilometers"),
    ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    ("kg", "kilogram", "kilograms", "kilo", "kilos"),
    ("h", "hr", "hrs", "hour", "hours"),
    ("mph", "mile", "miles"),
    ("ft", "foot", "feet"),
    ("lb", "lbs", "pound", "pounds"),
    ("sq", "square"),
    ("kill", "killed", "die", "died", "dead", "death", "deaths", "fatal", "slain", "lost his life"),
    ("buy", "purchase", "acquire", "acquisition", "bought"),
    ("begin", "start", "launch", "commence", "began", "started"),
    ("end", "finish", "conclude", "ended", "halt", "stop"),
    ("car", "vehicle", "automobile"),
    ("child", "children", "kid", "kids", "youngster"),
    ("police", "officer", "officers", "cop", "cops", "policeman", "policemen", "constable"),
    ("resign", "quit", "step", "resignation"),
    ("big", "large", "huge", "major"),
    ("small", "little", "tiny", "minor"),
    ("award", "prize", "honour", "honor"),
    ("film", "movie", "picture"),
    ("show", "programme", "program", "series"),
    ("job", "work", "employment", "role", "post", "position"),
    ("company", "firm", "business", "group", "corporation"),
    ("man", "men", "male", "gentleman"),
    ("woman", "women", "female", "lady"),
    ("boy", "son"),
    ("girl", "daughter"),
    ("wife", "spouse", "husband", "partner"),
    ("home", "house", "residence"),
    ("help", "assist", "aid", "support"),
    ("tell", "told", "say", "said", "state", "stated", "claim", "claimed", "add", "added", "announce", "announced", "reveal", "revealed", "insist"),
    ("show", "reveal", "indicate", "suggest"),
    ("arrest", "detain", "custody"),
    ("charge", "accuse", "indict"),
    ("jail", "prison", "imprison", "sentence"),
    ("injure", "injured", "injury", "hurt", "wound", "wounded"),
    ("attack", "assault", "strike"),
    ("win", "won", "victory", "triumph", "beat", "defeat"),
    ("lose", "lost", "loss", "defeat"),
    ("rise", "increase", "grow", "growth", "climb", "jump", "surge", "soar", "up"),
    ("fall", "decrease", "decline", "drop", "cut", "reduce", "reduction", "slump", "down", "lower"),
    ("want", "wish", "seek", "hope"),
    ("plan", "intend", "aim", "scheme", "proposal", "propose"),
    ("talk", "talks", "discuss", "discussion", "negotiation", "negotiate", "meet", "meeting"),
    ("agreement", "deal", "accord", "pact", "treaty"),
    ("leader", "head", "chief", "boss", "president"),
    ("government", "administration", "authorities", "state"),
    ("country", "nation", "state"),
    ("city", "town"),
    ("town", "village"),
    ("hospital", "clinic"),
    ("doctor", "physician", "medic"),
    ("study", "research", "report", "survey"),
    ("find", "found", "discover", "discovered"),
    ("try", "attempt", "bid"),
    ("fire", "blaze"),
    ("crash", "collision", "accident"),
    ("money", "cash", "funds", "funding"),
    ("cost", "price"),
    ("fan", "supporter"),
    ("team", "side", "club", "squad"),
    ("match", "game", "fixture"),
    ("goal", "score"),
    ("manager", "coach", "boss"),
    ("player", "star"),
    ("ban", "prohibit", "outlaw", "suspend", "suspension"),
    ("warn", "warning", "caution"),
    ("allow", "let", "permit"),
    ("need", "require", "must"),
    ("also", "too"),
    ("appear", "seem"),
    ("among", "including", "include"),
    ("soldier", "troops", "troop", "military", "forces", "army"),
    ("withdraw", "pull", "retreat", "withdrawal"),
    ("election", "vote", "poll"),
    ("lawmaker", "legislator", "mp", "senator", "congressman"),
    ("mother", "mum", "mom", "parent"),
    ("father", "dad", "parent"),
    ("photo", "photograph", "picture", "image"),
    ("online", "internet", "web"),
    ("phone", "telephone", "mobile"),
    ("rescue", "save"),
    ("missing", "disappeared", "vanished"),
    ("near", "close", "nearby"),
    ("around", "about", "approximately", "roughly", "nearly", "almost"),
    ("now", "currently"),
    ("previously", "earlier", "formerly", "former"),
    ("later", "subsequently"),
    ("biggest", "largest"),
    ("fight", "battle", "conflict", "war"),
    ("reject", "refuse", "dismiss", "decline"),
    ("criticise", "criticize", "slam", "condemn", "blast", "attack"),
    ("investigate", "probe", "investigation", "inquiry"),
    ("event", "incident"),
)

# Irregular past forms -> base verb, so "met" matches "meeting" through "meet".
IRREGULAR = dict(pair.split(":") for pair in """met:meet told:tell won:win lost:lose left:leave took:take
taken:take gave:give given:give made:make went:go gone:go came:come saw:see seen:see held:hold
led:lead found:find thought:think brought:bring bought:buy sold:sell paid:pay kept:keep
began:begin begun:begin ran:run fell:fall fallen:fall rose:rise risen:rise struck:strike
spoke:speak spoken:speak wrote:write written:write shot:shoot sent:send spent:spend built:build
fought:fight caught:catch taught:teach sought:seek chose:choose chosen:choose drove:drive
driven:drive flew:fly flown:fly grew:grow grown:grow knew:know known:know threw:throw
thrown:throw broke:break broken:break stole:steal stolen:steal wore:wear worn:wear
became:become felt:feel heard:hear meant:mean stood:stand understood:understand hung:hang
sat:sit slept:sleep fled:flee forgot:forget forgotten:forget hid:hide hidden:hide bit:bite
bitten:bite drew:draw drawn:draw ate:eat eaten:eat swam:swim sang:sing sung:sing sank:sink
sunk:sink dealt:deal lent:lend bent:bend shook:shake shaken:shake rode:ride ridden:ride
froze:freeze frozen:freeze lay:lie lain:lie laid:lay sped:speed won't:will died:die dying:die
children:child men:man women:woman people:person mice:mouse feet:foot teeth:tooth""".split())

# Antonym pairs: a claim word whose antonym (and not the word) is in the evidence is
# a polarity flip ("increased" vs "decreased"). Matched by stem.
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"), ("increase", "cut"), ("rise", "fall"), ("raise", "lower"),
    ("higher", "lower"), ("more", "less"), ("more", "fewer"), ("most", "least"),
    ("up", "down"), ("gain", "loss"), ("win", "lose"), ("won", "lost"), ("winner", "loser"),
    ("include", "exclude"), ("including", "excluding"), ("accept", "reject"),
    ("approve", "reject"), ("allow", "ban"), ("allow", "forbid"), ("legal", "illegal"),
    ("before", "after"), ("first", "last"), ("early", "late"), ("earlier", "later"),
    ("largest", "smallest"), ("biggest", "smallest"), ("best", "worst"), ("better", "worse"),
    ("strong", "weak"), ("stronger", "weaker"), ("positive", "negative"), ("success", "failure"),
    ("succeed", "fail"), ("open", "close"), ("opened", "closed"), ("start", "end"),
    ("begin", "end"), ("buy", "sell"), ("bought", "sold"), ("profit", "loss"),
    ("support", "oppose"), ("agree", "disagree"), ("guilty", "innocent"), ("alive", "dead"),
    ("maximum", "minimum"), ("above", "below"), ("over", "under"), ("inside", "outside"),
    ("import", "export"), ("north", "south"), ("east", "west"), ("old", "young"),
    ("older", "younger"), ("oldest", "youngest"), ("husband", "wife"), ("men", "women"),
    ("man", "woman"), ("boy", "girl"), ("son", "daughter"), ("father", "mother"),
    ("brother", "sister"), ("home", "away"), ("public", "private"), ("rich", "poor"),
    ("cheap", "expensive"), ("entry", "exit"), ("arrive", "depart"), ("hire", "fire"),
    ("expand", "shrink"), ("continue", "stop"), ("easy", "difficult"), ("high", "low"),
    ("long", "short"), ("always", "never"), ("everyone", "nobody"), ("all", "none"),
    ("remote", "in-person"), ("optimistic", "pessimistic"), ("happy", "sad"),
    ("like", "dislike"), ("love", "hate"), ("must", "may"), ("same", "different"),
    # issue #10 news list
    ("found", "lost"), ("rise", "drop"), ("guilty", "acquitted"), ("convicted", "acquitted"),
    ("approved", "rejected"), ("survive", "die"), ("join", "leave"),
    ("safe", "dangerous"), ("top", "bottom"), ("new", "old"), ("newest", "oldest"),
    ("arrive", "leave"), ("enter", "leave"), ("accept", "refuse"), ("allow", "prohibit"),
)

# --- entities: aliases --------------------------------------------------------
# Every name in a group stands for the same entity; a claim may use any of them.
ALIAS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("us", "u.s.", "u.s", "usa", "u.s.a.", "america", "american", "americans", "united states"),
    ("uk", "u.k.", "britain", "british", "briton", "britons", "united kingdom", "great britain"),
    ("england", "english"),
    ("un", "u.n.", "united nations"),
    ("eu", "e.u.", "european union", "europe", "european", "europeans"),
    ("nato", "north atlantic treaty organization"),
    ("russia", "russian", "russians", "kremlin"),
    ("ukraine", "ukrainian", "ukrainians"),
    ("kyiv", "kiev"),
    ("china", "chinese"),
    ("france", "french"),
    ("germany", "german", "germans"),
    ("italy", "italian", "italians"),
    ("spain", "spanish"),
    ("japan", "japanese"),
    ("india", "indian", "indians"),
    ("pakistan", "pakistani"),
    ("iran", "iranian"),
    ("iraq", "iraqi"),
    ("israel", "israeli", "israelis"),
    ("syria", "syrian"),
    ("egypt", "egyptian"),
    ("turkey", "turkish"),
    ("mexico", "mexican"),
    ("canada", "canadian"),
    ("australia", "australian", "aussie"),
    ("scotland", "scottish", "scot", "scots"),
    ("wales", "welsh"),
    ("ireland", "irish"),
    ("brazil", "brazilian"),
    ("argentina", "argentine", "argentinian"),
    ("netherlands", "dutch", "holland"),
    ("sweden", "swedish"),
    ("norway", "norwegian"),
    ("poland", "polish"),
    ("greece", "greek"),
    ("portugal", "portuguese"),
    ("philippines", "filipino", "philippine"),
    ("korea", "korean"),
    ("afghanistan", "afghan"),
    ("nigeria", "nigerian"),
    ("south africa", "south african"),
    ("new zealand", "kiwi"),
    ("new york", "nyc", "new yorker"),
    ("los angeles", "la"),
    ("fbi", "federal bureau of investigation"),
    ("cia", "central intelligence agency"),
    ("nhs", "national health service"),
    ("bbc", "british broadcasting corporation"),
    ("isis", "islamic state", "isil", "is"),
    ("gop", "republican", "republicans"),
    ("democrat", "democrats", "democratic"),
    ("prime minister", "pm", "premier"),
)

# Titles and honorifics: part of a name phrase but not part of the name.
TITLES = frozenset(
    """mr mrs ms miss dr sir lord lady dame prof professor president vice prime minister
    chancellor secretary senator sen rep governor gov mayor king queen prince princess
    pope general gen colonel col captain capt lieutenant sergeant sgt officer judge justice
    chief director chairman chairwoman ceo coach manager spokesman spokeswoman st saint""".split()
)

# --- numbers ------------------------------------------------------------------
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
             "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "tenth": 0.1,
             "tenths": 0.1}
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# --- polarity -----------------------------------------------------------------
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't nowhere".split())

# Words that carry no checkable fact in a summary ("according to", "also", "now").
EXTRA_STOP = frozenset(
    """according also now currently recently reportedly however meanwhile still yet
    even already well like just many much several various""".split()
) | frozenset(
    # Issue #10, words human highlights add to faithful copy that state no fact of
    # their own (bench/flag_reasons.py names them); three closed classes, not a fit to
    # the data: deictic time words (the article dates the story, "today"/"tonight"
    # restate it), discourse/additive adverbs, and intensifiers/hedges ("huge",
    # "almost": a figure they hedge is checked by `numbers`).
    """today tonight yesterday tomorrow ago since soon lately latest
    another actually really indeed
    huge extremely highly particularly especially entirely completely fully totally almost nearly""".split()
)

# Nouns that give a number its unit ("35 years", "one-month"): matched by stem.
TIME_UNITS = frozenset("second minute hour day week month year decade century".split())

# --- style ----------------------------------------------------------------------
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
MAX_BULLET_WORDS = 25
