"""Invented clauses for the behaviour suite, in several languages, built by make_document."""

from __future__ import annotations

from typing import Any

from app.search.contract import field_suffix

LABELS = {
    "4.3": {
        "en": ["Working time", "Right to disconnect", "after-hours contact"],
        "fr": ["Temps de travail", "Droit à la déconnexion"],
        "es": ["Tiempo de trabajo", "Derecho a la desconexión"],
    },
    "6.1": {"en": ["Monitoring of workers"], "fr": ["Contrôle des salariés"]},
}


def make_document(**overrides: Any) -> dict[str, Any]:
    """A search document with sensible defaults; `title_<sfx>`/`text_<sfx>` come from overrides.

    `title` defaults to the original language's title field; label fields default to the
    labels of the first sub-theme.
    """
    document: dict[str, Any] = {
        "id": "clause",
        "external_id": None,
        "language": "en",
        "kind": "negotiated",
        "country": "GB",
        "region": "EUR",
        "sector": "health",
        "year": 2020,
        "sort_date": 20200101,
        "themes": ["7"],
        "subthemes": ["7.4"],
        "lifecycle": [],
        "visibility": "public",
    }
    document.update(overrides)
    suffix = field_suffix(document["language"])
    document.setdefault("title", document.get(f"title_{suffix}", ""))
    for sub in document["subthemes"][:1]:
        for language, terms in LABELS.get(sub, {}).items():
            document.setdefault(f"labels_{language}", list(terms))
    return document


def clause(clause_id: str, spec: str, **fields: Any) -> dict[str, Any]:
    """make_document from a compact spec: "language country region yyyymmdd sub-theme"."""
    language, country, region, date, sub = spec.split()
    return make_document(
        id=clause_id,
        language=language,
        country=country,
        region=region,
        sort_date=int(date),
        year=int(date) // 10000,
        themes=[sub.split(".")[0]],
        subthemes=[sub],
        **fields,
    )


def corpus() -> list[dict[str, Any]]:
    """The clauses every behaviour test starts from."""
    return [
        clause(
            "disconnect-gb",
            "en GB EUR 20210315 4.3",
            title_en="Right to disconnect after working hours",
            text_en="Employees are not expected to read or answer work email, calls or chat "
            "messages between the end of their shift and the start of the next one. Managers "
            "shall plan deadlines so that no reply is needed in the evening or at the weekend.",
        ),
        clause(
            "desconexion-es",
            "es ES EUR 20220601 4.3",
            sector="local government",
            title_es="Desconexión digital fuera de la jornada",
            text_es="Las personas trabajadoras no tendrán que atender correos ni mensajes fuera "
            "de su jornada. La empresa respetará los periodos de descanso y vacaciones.",
            title_en="Digital disconnection outside the working day",
            text_en="Staff may unplug from work messages once their day ends; the company "
            "respects rest periods and holidays.",
        ),
        clause(
            "deconnexion-fr",
            "fr FR EUR 20190910 4.3",
            sector="education",
            title_fr="Droit à la déconnexion des enseignants",
            text_fr="Aucun enseignant n'est tenu de consulter sa messagerie professionnelle le "
            "soir. La déconnexion est un droit garanti par l'établissement.",
        ),
        clause(
            "vigilancia-pt",
            "pt PT EUR 20200205 6.1",
            sector="utilities",
            title_pt="Vigilância eletrónica no local de trabalho",
            text_pt="A empresa não pode instalar câmaras ou programas de monitorização sem "
            "consulta prévia ao sindicato.",
        ),
        clause(
            "surveillance-au",
            "en AU AP 20230720 6.1",
            sector="public services",
            title_en="Limits on electronic surveillance",
            text_en="The employer shall not use keystroke logging or covert surveillance "
            "software. Personal data collected by monitoring tools is deleted after ninety "
            "days. Rest breaks are never recorded.",
        ),
        clause(
            "retraining-ca",
            "en CA AMR 20180101 3.3",
            kind="model",
            sector="education",
            title_en="Paid retraining when new systems arrive",
            text_en="Before any new technology is introduced, affected staff receive paid "
            "retraining during working hours, with no loss of pay.",
        ),
        clause(
            "training-nz",
            "en NZ AP 20170505 3.3",
            title_en="Joint training budget",
            text_en="Retraining courses are planned every year. Each course is paid from the "
            "joint budget agreed with the union.",
        ),
        clause(
            "mitbestimmung-de",
            "de DE EUR 20161201 1.2",
            sector="local government",
            title_de="Mitbestimmung bei neuer Software",
            text_de="Der Personalrat ist vor der Einführung neuer Software zu beteiligen, auch "
            "vor der Schließung einer Dienststelle.",
        ),
        clause(
            "tsunagaranai-jp",
            "ja JP AP 20240401 4.3",
            sector="central government",
            title_ja="つながらない権利に関する協定",
            text_ja="使用者は、労働者が勤務時間外につながらない権利を有することを認め、"
            "業務連絡を控える。",
        ),
        clause(
            "lixian-cn",
            "zh-Hans CN AP 20221111 4.3",
            sector="utilities",
            title_zh="离线权条款",
            text_zh="用人单位应当尊重职工的离线权，不得在休息时间安排工作。",
        ),
        clause(
            "thai-th",
            "th TH AP 20230301 4.3",
            title_th="สิทธิในการตัดการเชื่อมต่อ",
            text_th="นายจ้างต้องเคารพสิทธิในการตัดการเชื่อมต่อของลูกจ้างนอกเวลาทำงาน",
        ),
        clause(
            "ratios-gb",
            "en GB EUR 20240110 1.3",
            visibility="affiliates",
            title_en="Confidential staffing ratios",
            text_en="Minimum staffing ratios on night shifts, shared with affiliates only.",
        ),
        clause(
            "eyesight-title",
            "en SE EUR 20150303 7.4",
            title_en="Eyesight tests for screen workers",
            text_en="Staff who use a display for long periods receive free tests and glasses.",
        ),
        clause(
            "eyesight-text",
            "en SE EUR 20150304 7.4",
            title_en="Display equipment standards",
            text_en="Monitors are adjustable and a yearly eyesight check is offered to all.",
        ),
        clause(
            "ergonomic-all",
            "en GB EUR 20140101 7.4",
            title_en="Workstation rules",
            text_en="Each workstation has an ergonomic chair, and staff take short breaks away "
            "from the desk every hour.",
        ),
        clause(
            "ergonomic-two",
            "en GB EUR 20150101 7.4",
            title_en="Ergonomic chair for every desk",
            text_en="New furniture is chosen with the safety representative.",
        ),
        clause(
            "ergonomic-one",
            "en GB EUR 20160101 7.4",
            title_en="Ergonomic assessment",
            text_en="An assessment of each desk is carried out on request.",
        ),
        clause(
            "algo-near",
            "en GB EUR 20130101 6.3",
            title_en="Rostering rules",
            text_en="Any algorithmic scheduling of shifts is reviewed by a person first.",
        ),
        clause(
            "algo-far",
            "en GB EUR 20190101 6.3",
            title_en="Rostering review",
            text_en="Algorithmic tools may suggest rosters. Managers keep the final say over "
            "scheduling and overtime.",
        ),
    ]


def public(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [doc for doc in documents if doc["visibility"] == "public"]
