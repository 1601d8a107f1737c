"""A synthetic multilingual corpus of clauses, made here from small word lists (no real texts).

Lengths and mixes are chosen to look like a union archive: mostly English, Spanish, French and
Portuguese, some Japanese, Indonesian, Tagalog and Thai; 80-250 words; one or two sub-themes;
about one clause in five with a translation.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

# Words by sub-theme and language: enough to make clauses about something, and queries that hit.
TOPICS: dict[str, dict[str, list[str]]] = {
    "4.3": {
        "en": ["disconnect", "after-hours", "email", "availability", "evening", "weekend", "phone"],
        "es": ["desconexión", "correo", "fuera", "horario", "disponibilidad", "descanso"],
        "fr": ["déconnexion", "courriel", "soirée", "disponibilité", "repos", "messagerie"],
        "pt": ["desconexão", "mensagens", "descanso", "disponibilidade", "noite", "horário"],
    },
    "6.1": {
        "en": ["surveillance", "keystroke", "monitoring", "camera", "GPS", "tracking", "software"],
        "es": ["vigilancia", "cámaras", "monitoreo", "geolocalización", "registro", "control"],
        "fr": ["surveillance", "caméras", "géolocalisation", "contrôle", "traçage", "logiciel"],
        "pt": ["vigilância", "câmeras", "monitoramento", "rastreamento", "controle", "registro"],
    },
    "3.3": {
        "en": ["retraining", "upskilling", "course", "learning", "qualification", "training"],
        "es": ["formación", "capacitación", "curso", "aprendizaje", "recualificación"],
        "fr": ["formation", "reconversion", "apprentissage", "qualification", "stage"],
        "pt": ["formação", "capacitação", "curso", "aprendizagem", "requalificação"],
    },
    "5.3": {
        "en": ["data", "retention", "deletion", "inference", "profile", "storage", "access"],
        "es": ["datos", "conservación", "supresión", "perfil", "almacenamiento", "acceso"],
        "fr": ["données", "conservation", "effacement", "profilage", "stockage", "accès"],
        "pt": ["dados", "conservação", "eliminação", "perfil", "armazenamento", "acesso"],
    },
    "6.3": {
        "en": ["algorithm", "automated", "decision", "scheduling", "review", "human", "rating"],
        "es": ["algoritmo", "automatizada", "decisión", "revisión", "humana", "turnos"],
        "fr": ["algorithme", "automatisée", "décision", "révision", "humaine", "planning"],
        "pt": ["algoritmo", "automatizada", "decisão", "revisão", "humana", "escala"],
    },
    "4.1": {
        "en": ["telework", "remote", "home", "equipment", "allowance", "voluntary", "office"],
        "es": ["teletrabajo", "remoto", "domicilio", "equipos", "compensación", "voluntario"],
        "fr": ["télétravail", "distance", "domicile", "équipement", "indemnité", "volontaire"],
        "pt": ["teletrabalho", "remoto", "domicílio", "equipamentos", "ajuda", "voluntário"],
    },
    "7.4": {
        "en": ["ergonomic", "chair", "screen", "posture", "desk", "breaks", "eyesight"],
        "es": ["ergonomía", "silla", "pantalla", "postura", "pausas", "vista"],
        "fr": ["ergonomie", "siège", "écran", "posture", "pauses", "vue"],
        "pt": ["ergonomia", "cadeira", "tela", "postura", "pausas", "visão"],
    },
}
FILLER: dict[str, list[str]] = {
    "en": "the employer shall union workers agree within days notice written committee joint "
    "review each year information consult before any change new system".split(),
    "es": "el empleador deberá sindicato personas trabajadoras acuerdan dentro de días aviso "
    "escrito comisión mixta revisión cada año información consulta antes".split(),
    "fr": "l'employeur doit syndicat salariés conviennent dans délai jours préavis écrit "
    "commission paritaire révision chaque année information consultation avant".split(),
    "pt": "o empregador deverá sindicato trabalhadores acordam prazo dias aviso escrito "
    "comissão paritária revisão cada ano informação consulta antes".split(),
}
ASIAN_SENTENCES: dict[str, list[str]] = {
    "ja": [
        "使用者は勤務時間外に連絡してはならない。",
        "労働者にはつながらない権利がある。",
        "監視ソフトの導入前に組合と協議する。",
        "個人データの保存期間を定める。",
    ],
    "th": ["นายจ้างต้องแจ้งสหภาพล่วงหน้า", "ลูกจ้างมีสิทธิในการตัดการเชื่อมต่อ", "การเฝ้าติดตามต้องได้รับความยินยอม"],
    "id": "pengusaha wajib memberitahu serikat pekerja sebelum pemantauan data pribadi "
    "pelatihan ulang kerja jarak jauh hak untuk memutus koneksi".split(),
    "tl": "ang employer ay dapat magbigay abiso sa unyon bago ang pagmamanman datos "
    "pagsasanay trabaho sa bahay karapatang mag-disconnect".split(),
}
COUNTRIES = [
    "PH",
    "JP",
    "ID",
    "TH",
    "IN",
    "AU",
    "FR",
    "ES",
    "PT",
    "BR",
    "CO",
    "AR",
    "MX",
    "CA",
    "GB",
    "DE",
    "SE",
    "ZA",
    "KE",
    "NG",
    "KR",
    "NZ",
    "CL",
    "PE",
    "BE",
    "IT",
]
LANGUAGE_BY_COUNTRY = {
    "FR": "fr",
    "BE": "fr",
    "CA": "fr",
    "ES": "es",
    "CO": "es",
    "AR": "es",
    "MX": "es",
    "CL": "es",
    "PE": "es",
    "PT": "pt",
    "BR": "pt",
    "JP": "ja",
    "TH": "th",
    "ID": "id",
    "PH": "tl",
}
SECTORS = [
    "local government",
    "health",
    "education",
    "utilities",
    "central government",
    "social care",
    "public services",
]


@dataclass
class SyntheticClause:
    external_id: str
    title: str
    text: str
    language: str
    country: str
    sector: str
    year: int
    subthemes: list[str]
    kind: str
    translations: list[tuple[str, str, str]] = field(default_factory=list)  # language, title, text


def _words(rng: random.Random, language: str, topics: list[str], count: int) -> str:
    if language in ("ja", "th"):
        return "".join(rng.choice(ASIAN_SENTENCES[language]) for _ in range(max(2, count // 25)))
    if language in ("id", "tl"):
        return " ".join(rng.choice(ASIAN_SENTENCES[language]) for _ in range(count))
    pool = FILLER[language]
    topical = [w for t in topics for w in TOPICS[t][language]]
    return " ".join(
        rng.choice(topical) if rng.random() < 0.25 else rng.choice(pool) for _ in range(count)
    )


def synthetic_clauses(count: int, seed: int = 7) -> Iterator[SyntheticClause]:
    """`count` clauses, the same for the same seed."""
    rng = random.Random(seed)
    subthemes = list(TOPICS)
    for n in range(count):
        country = rng.choice(COUNTRIES)
        language = LANGUAGE_BY_COUNTRY.get(country, "en")
        topics = rng.sample(subthemes, rng.choice((1, 1, 2)))
        word_language = language if language in FILLER else "en"
        title = _words(rng, word_language, topics, rng.randint(3, 7)).capitalize()
        text = _words(rng, language, topics, rng.randint(80, 250))
        clause = SyntheticClause(
            external_id=f"bench-{n}",
            title=title[:200],
            text=text,
            language=language,
            country=country,
            sector=rng.choice(SECTORS),
            year=rng.randint(2005, 2026),
            subthemes=topics,
            kind="model" if rng.random() < 0.03 else "negotiated",
        )
        if language != "en" and rng.random() < 0.2:
            clause.translations.append(
                ("en", title[:200], _words(rng, "en", topics, rng.randint(80, 200)))
            )
        yield clause


def signed(year: int, rng: random.Random) -> date:
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


LONG_QUERIES = [
    "right to disconnect from work email in the evening",
    "notice before new monitoring software is introduced",
    "human review of automated decisions on scheduling",
    "paid time for retraining when new systems arrive",
    "derecho a la desconexión fuera del horario",
    "droit à la déconnexion en dehors des heures",
    "つながらない権利",
]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def make_query(rng: random.Random) -> str:
    """One request of the realistic mix: short, long, typo'd, prefix; half with filters;
    facets always."""
    words = [w for langs in TOPICS.values() for ws in langs.values() for w in ws]
    roll = rng.random()
    if roll < 0.35:
        q = rng.choice(words)
    elif roll < 0.55:
        q = rng.choice(LONG_QUERIES)
    elif roll < 0.75:
        q = typo(rng.choice(words), rng)
    elif roll < 0.9:
        q = " ".join(rng.sample(words, 2))[:-2]  # search as you type: a cut last word
    else:
        q = ""
    params: list[tuple[str, str]] = [("q", q)]
    if rng.random() < 0.5:
        params.append(("country", rng.choice(COUNTRIES)))
    if rng.random() < 0.3:
        params.append(("theme", rng.choice(["3", "4", "5", "6", "7"])))
    if rng.random() < 0.2:
        params += [("year_from", "2015"), ("year_to", "2022")]
    return "/api/v1/search?" + urlencode(params)
