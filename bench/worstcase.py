"""The worst case for a search engine: every query word is in about one clause in six.

Clauses in English, French, Spanish, Portuguese, German and Japanese, each drawn from a
vocabulary of 25 words of its language (our own word lists), 40-220 words long, with one theme
and sub-theme. Queries: one to three words of one language; half the long words (five letters
or more) with a letter dropped; three in ten with the last word cut to a prefix; three in ten
with a theme filter, two in ten with a country filter; a page of 20 with facets.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from urllib.parse import urlencode

from bench.corpus import COUNTRIES, SECTORS, SyntheticClause, typo

VOCABULARY: dict[str, list[str]] = {
    "en": "union employer worker shift overtime monitoring camera data training leave notice "
    "telework break screen algorithm review consultation committee safety wage schedule "
    "contract grievance privacy equipment".split(),
    "fr": "syndicat employeur salarié horaire heures surveillance caméra données formation "
    "congé préavis télétravail pause écran algorithme révision consultation comité sécurité "
    "salaire planning contrat réclamation vie équipement".split(),
    "es": "sindicato empleador trabajador turno horas vigilancia cámara datos formación "
    "licencia aviso teletrabajo pausa pantalla algoritmo revisión consulta comité seguridad "
    "salario horario contrato queja privacidad equipo".split(),
    "pt": "sindicato empregador trabalhador turno horas vigilância câmera dados formação "
    "licença aviso teletrabalho pausa tela algoritmo revisão consulta comissão segurança "
    "salário escala contrato queixa privacidade equipamento".split(),
    "de": "Gewerkschaft Arbeitgeber Beschäftigte Schicht Überstunden Überwachung Kamera Daten "
    "Schulung Urlaub Frist Telearbeit Pause Bildschirm Algorithmus Prüfung Anhörung Ausschuss "
    "Sicherheit Lohn Dienstplan Vertrag Beschwerde Datenschutz Ausstattung".split(),
    "ja": "労働組合 使用者 労働者 勤務 残業 監視 カメラ データ 研修 休暇 通知 テレワーク 休憩 画面 "
    "アルゴリズム 見直し 協議 委員会 安全 賃金 勤務表 契約 苦情 プライバシー 機器".split(),
}
LANGUAGES = tuple(VOCABULARY)
SUBTHEMES = ("1.1", "2.2", "3.3", "4.1", "4.3", "5.2", "5.3", "6.1", "6.3", "7.4")
COUNTRY_OF = {"en": "GB", "fr": "FR", "es": "ES", "pt": "BR", "de": "DE", "ja": "JP"}


def _words(rng: random.Random, language: str, count: int) -> str:
    words = rng.choices(VOCABULARY[language], k=count)
    return ("、" if language == "ja" else " ").join(words)


def worst_case_clauses(count: int, seed: int = 7) -> Iterator[SyntheticClause]:
    """`count` clauses of the worst case, the same for the same seed."""
    rng = random.Random(seed)
    for n in range(count):
        language = rng.choice(LANGUAGES)
        yield SyntheticClause(
            external_id=f"worst-{n}",
            title=_words(rng, language, rng.randint(3, 6)).capitalize()[:200],
            text=_words(rng, language, rng.randint(40, 220)),
            language=language,
            country=COUNTRY_OF[language] if rng.random() < 0.7 else rng.choice(COUNTRIES),
            sector=rng.choice(SECTORS),
            year=rng.randint(2005, 2026),
            subthemes=[rng.choice(SUBTHEMES)],
            kind="model" if rng.random() < 0.03 else "negotiated",
        )


def _dropped(word: str, rng: random.Random) -> str:
    """A long word typed with one letter missing (half the time)."""
    if len(word) < 5 or rng.random() < 0.5:
        return word
    return typo(word, rng)


def worst_case_query(rng: random.Random) -> str:
    """One request of the worst-case mix, as an API path."""
    language = rng.choice(LANGUAGES)
    words = [_dropped(w, rng) for w in rng.sample(VOCABULARY[language], rng.randint(1, 3))]
    if rng.random() < 0.3 and len(words[-1]) > 3:
        words[-1] = words[-1][: rng.randint(2, len(words[-1]) - 1)]
    params: list[tuple[str, str]] = [("q", " ".join(words)), ("per_page", "20")]
    if rng.random() < 0.3:
        params.append(("theme", rng.choice(SUBTHEMES).split(".")[0]))
    if rng.random() < 0.2:
        params.append(("country", rng.choice(list(COUNTRY_OF.values()))))
    return "/api/v1/search?" + urlencode(params)
