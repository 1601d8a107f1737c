"""Stop words: the function words of each language, which a query drops when it has others.

Only articles, pronouns, prepositions, conjunctions, auxiliaries and question words are here,
never a word that could carry a clause's meaning ("work", "time", "data"). The lists are in
folded form (lower case, no accents), as query words are compared after folding. Languages
written without spaces have none: their queries are not split into words.
"""

from __future__ import annotations

from typing import Final

_WORDS: Final = {
    "en": """a about after all also am an and any are as at be been before being but by can
        could did do does doing for from had has have how i if in into is it its me my no nor
        not of off on or our ours out should so than that the their them then there these they
        this those through to too under until up us was we were what when where which while who
        whom why will with would you your yours""",
    "fr": """a au aux avec ce ces cette comme dans de des du elle elles en est et etre eux il
        ils je la le les leur leurs lui ma mais me mes moi mon ne nos notre nous on ou par pas
        pour qu que quel quelle quels qui sa sans se ses si son sont sur ta te tes toi ton tu un
        une vos votre vous y peut peuvent quand comment doit doivent avoir""",
    "es": """a al ante con contra cual cuando de del desde donde el ella ellas ellos en entre es
        esta estan este esto estos fue ha han hay la las le les lo los mas me mi mis muy no nos
        o para pero por que quien se ser si sin sobre su sus te tu un una uno unos y ya puede
        pueden como debe deben mi""",
    "pt": """a ao aos as com como da das de do dos e ela elas ele eles em entre era esta este
        eu foi ha isso isto ja mais mas me meu minha na nas nao no nos o os ou para pela pelo
        por quando que quem se sem ser seu sua suas seus sobre tem um uma uns pode podem deve
        devem""",
    "de": """aber als am an auch auf aus bei bin bis das dass dem den der des die du durch ein
        eine einem einen einer eines er es fur hat haben ich ihr im in ist ja kann konnen mein
        meine mich mir mit nach nicht noch nur ob oder ohne sein sich sie sind so uber um und
        uns unser vom von vor war warum was weil wenn wer wie wir wird zu zum zur darf durfen
        muss""",
    "it": """a al alla alle allo che chi ci come con cui da dal dalla dei del della delle di
        e ed gli ha hanno i il in io la le lo loro ma mi mia mio ne nei nel nella non noi o per
        perche piu puo possono quale quando questa questo se si sono su sua sue suo suoi tra un
        una uno deve devono""",
    "nl": """aan al als bij dan dat de den der deze die dit door een en er het hij hoe ik in is
        je kan kunnen maar me met mijn mag moet na naar niet nog of om onder ons ook op over te
        tot u uit van voor wat we wel wie wij zijn zal ze zich zij zo""",
    "sv": """att av de dem den denna det detta du eller en ett for fran har hon hur i jag kan
        man med mig min mitt nar nu och om pa sig sin ska som till under vad var vi vid vara
        ar far maste""",
    "id": """ada adalah akan apa atau bagi dalam dan dari dengan di ini itu ke kepada oleh pada
        saya tidak untuk yang""",
}

STOP_WORDS: Final[dict[str, frozenset[str]]] = {
    language: frozenset(words.split()) for language, words in _WORDS.items()
}
