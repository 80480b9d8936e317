"""Every Dutch sentence the assistant says to an employee, in one place for B1 review.

Plain Dutch, je-vorm, short sentences, the main point first, one message one thing.
The terminal chat and Telegram use the same texts. (The quote's own sentences come
from the regeling files, see rules/HANDLEIDING.md; the FAQ answers from knowledge/faq.)
"""

from __future__ import annotations

# --- answers from the FAQ -------------------------------------------------------------

ONBEKEND = (
    "Dat weet ik niet. Ik wil je geen verkeerd antwoord geven.\n"
    "Stel je vraag aan je HR-adviseur of aan je leidinggevende. "
    "Ik geef je vraag door aan HR. Dan kan ik hem later wel beantwoorden."
)
BEDOEL_JE = "Dat weet ik niet zeker. Bedoel je een van deze vragen?"
GEEN_VAN_DEZE = "Geen van deze"
GEEN_VAN_DEZE_DANK = (
    "Jammer dat ik je niet kon helpen. Ik geef je vraag door aan HR. "
    "Stel je vraag ook aan je HR-adviseur of aan je leidinggevende."
)
BRON = "Bron: {bronnen}"
ANTWOORD_OP = "Antwoord op de vraag: {vraag}"
"""Each answer names the question it answers, so a mismatch shows at once."""
OOK_GOED_OM_TE_WETEN = "Goed om te weten: {tip}"
WIST_JE_DAT = "Wist je dat? {tip}"
GEEN_TIP = "Ik heb nu geen tip voor je."

WAAROM_NIET = {
    "leeg": "Je bericht is leeg. Typ je vraag, bijvoorbeeld: hoeveel studieverlof krijg ik?",
    "geen-tekst": "Ik kan alleen tekst lezen. Typ je vraag in woorden.",
    "te-lang": "Je bericht is te lang voor mij. Stel één korte vraag, in één of twee zinnen.",
    "engels": (
        "Ik begrijp alleen vragen in het Nederlands. Sorry, I only understand questions in Dutch."
    ),
}
"""Why a question was not looked up: the matcher's ``reden``."""

# --- start, menu, help ----------------------------------------------------------------

WELKOM = "Hoi! Ik ben de opleidingsbot. Ik help je met vragen over opleidingen bij je werk."
KIES_GEMEENTE = "Bij welke gemeente werk je?"
GEMEENTE_GEKOZEN = "Je werkt bij {naam}. Ik gebruik de regels van jouw gemeente."
ONBEKENDE_GEMEENTE = "Die gemeente ken ik niet. Kies een van de knoppen."
PRIVACY_KORT = (
    "Ik bewaar zo weinig mogelijk. Lees meer met /privacy. "
    "Ik geef alleen advies. Je leidinggevende beslist over je opleiding."
)
WAT_KAN_IK = (
    "Wat kan ik voor je doen?\n"
    "- Stel een vraag over opleidingen, verlof of terugbetalen.\n"
    "- Doe de intake: ik schat in wat je krijgt en maak een concept-aanvraag.\n"
    "- Kies 'Wist je dat?' voor een tip."
)
MENU_VRAAG = "Stel een vraag"
MENU_INTAKE = "Start de intake"
MENU_TIP = "Wist je dat?"
TYP_JE_VRAAG = "Typ je vraag maar. Bijvoorbeeld: hoeveel studieverlof krijg ik?"
HULP = (
    "Zo werk ik:\n"
    "- Typ een vraag, dan zoek ik het antwoord in de regels van je gemeente.\n"
    "- /intake: ik stel je een paar vragen over je opleiding. Dan schat ik in wat je "
    "krijgt. Je krijgt ook een concept-aanvraag voor het gesprek met je leidinggevende.\n"
    "- /wistjedat: een tip.\n"
    "- /menu: terug naar het begin.\n"
    "- /stop: stoppen met wat je nu doet.\n"
    "- /gemeente: een andere gemeente kiezen.\n"
    "- /privacy: wat ik bewaar.\n"
    "- /vergeet: alles wissen wat ik van je heb.\n"
    "Ik geef advies. Je leidinggevende beslist."
)
GESTOPT = "Gestopt. Je kunt altijd opnieuw beginnen met /menu."
NIETS_TE_STOPPEN = "Er loopt nu niets. Typ een vraag of kies /intake."
MENU_TIJDENS_INTAKE = "Je bent nog bezig met de intake. Wil je ermee stoppen?"
KNOP_INTAKE_STOPPEN = "Ja, stop de intake"
KNOP_INTAKE_VERDER = "Nee, ga verder"
ONBEKEND_COMMANDO = "Die opdracht ken ik niet. Kies /help voor wat ik kan."

COMMANDO_OMSCHRIJVINGEN = {
    "start": "Beginnen",
    "intake": "Inschatting van je opleiding en concept-aanvraag",
    "wistjedat": "Een tip over opleidingen",
    "menu": "Terug naar het begin",
    "help": "Wat ik kan",
    "stop": "Stoppen met wat je nu doet",
    "gemeente": "Een andere gemeente kiezen",
    "privacy": "Wat ik bewaar",
    "vergeet": "Alles wissen wat ik van je weet",
}
"""The command list shown in Telegram's menu."""

# --- privacy ----------------------------------------------------------------------------

PRIVACY = (
    "Wat ik bewaar, en waarom:\n"
    "- Je gemeente. Dan hoef je die niet steeds te kiezen.\n"
    "- Je antwoorden in de intake, zolang de intake loopt. "
    "Doe je {verloop} niets, dan wis ik je antwoorden.\n"
    "- Vragen die ik niet kon beantwoorden. Die gaan zonder je naam naar HR. "
    "Zo kan HR de antwoorden beter maken.\n"
    "- Tellingen, zoals hoeveel vragen er zijn gesteld. Zonder namen.\n"
    "Je concept-aanvraag bewaar ik niet. Met /vergeet wis je alles wat ik van je heb."
)
VERGEET_VRAAG = "Wil je echt dat ik alles wis wat ik van je weet? Dit kan niet terug."
VERGEET_JA = "Ja, wis alles"
VERGEET_NEE = "Nee, niet wissen"
VERGETEN = "Klaar. Ik heb alles gewist wat ik van je wist. Typ /start om opnieuw te beginnen."
NIET_VERGETEN = "Goed, ik wis niets."

# --- buttons and typing -----------------------------------------------------------------

JA = "Ja"
NEE = "Nee"
WEET_NIET = "Weet ik niet"
TERUG = "Terug"
OUDE_KNOP = "Die knop hoort bij een eerder bericht. Gebruik de knoppen onder het laatste bericht."
KIES_KNOP = "Kies een van de knoppen, of typ het nummer of het woord."
TERUG_KAN_NIET = "Dit is de eerste vraag. Verder terug kan niet."
EERDER_ANTWOORD = "Je antwoord was: {antwoord}. Geef een nieuw antwoord."
MAANDEN = "{aantal} maanden"

# --- the intake -------------------------------------------------------------------------

INTAKE_START = (
    "Nu begint de intake. Ik stel je een paar korte vragen. "
    "Typ je tussendoor een vraag? Dan beantwoord ik die. Daarna ga ik verder met de intake.\n"
    "Met 'Terug' ga je een vraag terug. Met /stop stop je."
)
INTAKE_VERLOPEN = (
    "Je intake is gestopt, omdat je {verloop} niets hebt gedaan. Je antwoorden zijn gewist. "
    "Begin opnieuw met /intake."
)
VERDER_MET_INTAKE = "Ik ga verder met de intake."
INTAKE_VRAGEN = {
    "naam": "Hoe heet de opleiding?",
    "instelling": "Bij welke school of welk instituut volg je de opleiding?",
    "niveau": "Op welk niveau is de opleiding?",
    "startdatum": "Wanneer begint de opleiding? Typ bijvoorbeeld 1-9-2027 of september 2027.",
    "duur": "Hoe lang duurt de opleiding? Bijvoorbeeld: 24 maanden of 2 jaar.",
    "diploma": "Krijg je aan het eind een diploma of certificaat?",
    "doel_vwnw": (
        "Zit je in een van-werk-naar-werktraject? Of moet je omscholen omdat je werk verdwijnt?"
    ),
    "doel_verplicht": (
        "Moet je deze opleiding hebben om je huidige werk te mogen blijven doen? "
        "Denk aan BHV, of een diploma dat je voor je functie verplicht nodig hebt."
    ),
    "doel_huidig": "Heb je de opleiding nodig voor je huidige werk?",
    "doel_intern": "Is de opleiding voor een andere functie bij je eigen gemeente?",
    "doel_zicht": "Is er al een concrete functie voor je in beeld? Of zijn er afspraken over?",
    "doel_extern": "Is de opleiding voor werk buiten je gemeente?",
    "doel_bevestig": "Ik denk dat je opleiding hierbij hoort:\n{doel}\nKlopt dat?",
    "doel_kies": "Kies waar je opleiding het best bij past.",
    "studiekosten": (
        "Wat kost de opleiding zelf? Denk aan lesgeld, examens en verplichte boeken. "
        "Typ een bedrag, bijvoorbeeld 1.250,50."
    ),
    "reiskosten": "Hoeveel reiskosten maak je voor de opleiding? Typ een bedrag.",
    "verblijfkosten": (
        "Maak je verblijfkosten, zoals een hotel? Typ het bedrag. Geen kosten? Kies 'Geen'."
    ),
    "contract_uren": "Hoeveel uur per week werk je volgens je contract?",
    "studie_uren": "Hoeveel uur per week kost de opleiding je, met lessen en huiswerk?",
}
DOELEN = {
    "verplicht_voor_functie": "Verplicht voor je huidige functie",
    "huidige_functie": "Nodig voor je huidige werk",
    "toekomstige_functie_intern": "Voor een nieuwe functie bij je gemeente, die al in beeld is",
    "loopbaan_intern": "Voor je loopbaan bij je gemeente, nog zonder concrete functie",
    "loopbaan_extern": "Voor werk buiten je gemeente",
    "van_werk_naar_werk": "Van werk naar werk, of omscholing",
    "persoonlijke_interesse": "Persoonlijke interesse, los van je werk",
}
NIVEAUS = ["mbo", "hbo", "wo", "post-hbo", "cursus", "anders"]
KANS = {"groot": "Groot", "klein": "Klein", "onbekend": "Weet ik niet"}
GEEN_KOSTEN = "Geen"
WEET_NOG_NIET = "Weet ik nog niet"
FOUT_BEDRAG = (
    "Dat bedrag kan ik niet lezen. Typ alleen het bedrag in euro's, bijvoorbeeld 1.250,50 of 800."
)
FOUT_GETAL = "Dat getal kan ik niet lezen. Typ een getal tussen {min} en {max}."
FOUT_NEGATIEF = "Dat kan niet negatief zijn. Typ een getal van 0 of meer."
FOUT_DATUM = "Die datum kan ik niet lezen. Typ bijvoorbeeld 1-9-2027 of september 2027."
FOUT_TEKST = "Typ een naam van hooguit {max} tekens."

# --- the quote --------------------------------------------------------------------------

BEREKENEN = "Even rekenen…"
OFFERTE_KOP = "Dit krijg je waarschijnlijk voor {naam}:"
KNOP_WAAROM = "Waarom?"
KNOP_WAT_ALS = "Wat als ik vertrek?"
KNOP_CONCEPT = "Maak concept-aanvraag"
KNOP_MENU = "Menu"
WAT_ALS_VRAAG = (
    "Stel: je neemt zelf ontslag. Wanneer zou dat zijn? "
    "Typ bijvoorbeeld: na 10 maanden, na 2 jaar, of tijdens de opleiding."
)
WAT_ALS_UITKOMST = "Als je {maanden} maanden na je opleiding zelf vertrekt: {uitkomst}"
WAT_ALS_TIJDENS = "Als je tijdens de opleiding zelf vertrekt: {uitkomst}"
WAT_ALS_AFGEBROKEN = "Als je zelf met de opleiding stopt: {uitkomst}"
FOUT_WAT_ALS = (
    "Dat kan ik niet lezen. Typ bijvoorbeeld: na 10 maanden, na 2 jaar, of tijdens de opleiding."
)
HELE_MAANDEN = "Ik reken in hele maanden. Typ bijvoorbeeld: na 10 maanden of na 11 maanden."
ONBEKEND_MET_AANBOD = (
    "Op je vraag heb ik geen vast antwoord. Ik geef hem door aan HR.\n"
    "Wel kan ik met de regeling uitrekenen wat er voor jou geldt."
)
REKEN_AANBOD = "Zal ik het voor je uitrekenen? Ik lees in je bericht: {feiten}."
REKEN_KOSTEN = "kosten {bedrag}"
REKEN_MOMENT = {
    "tijdens_opleiding": "je vertrekt tijdens de opleiding",
    "afgebroken": "je stopt met de opleiding",
    "na_afronding": "je vertrekt na de opleiding",
}
REKEN_MAANDEN = "je vertrekt {maanden} maanden na de opleiding"
KNOP_REKEN = "Ja, reken het uit"
KNOP_NIET_REKENEN = "Nee, dank je"
REKEN_START = (
    "Goed. De kosten weet ik al. Ik stel je nog een paar vragen over je opleiding. "
    "Dan reken ik uit wat je terugbetaalt."
)
NIET_REKENEN = "Prima. Stel gerust nog een vraag."
WAT_ALS_BEDRAG = "dan betaal je waarschijnlijk {bedrag} terug."
WAT_ALS_ONBEKEND = (
    "dat bedrag kan ik niet uitrekenen. Je regeling geeft daarvoor niet genoeg gegevens. "
    "Vraag het je HR-adviseur."
)
FOUT_DUUR = (
    "Dat kan ik niet lezen. Typ hoe lang de opleiding duurt, bijvoorbeeld 24 maanden of 2 jaar."
)
GEEN_OFFERTE = "Er is nog geen inschatting. Begin met /intake."
VERGOEDING_OOK = "Het kan ook {opties} zijn."
VERGOEDING_OOK_NIETS = "Het kan ook zijn dat je niets vergoed krijgt."
VERGOEDING_OPEN = "Vergoeding: nog niet zeker. Misschien krijg je {opties}."
VERGOEDING_OPEN_NIETS = "Vergoeding: nog niet zeker. Misschien krijg je niets vergoed."
NIETS_TERUG = "In jouw voorbeeld betaal je niets terug."
VOORBEELD_TERUG = "In jouw voorbeeld betaal je {bedrag} terug."
WAAROM_KOP = "Waarom? Zo kom ik tot deze inschatting:"
REGELING_FOUT = "Voor jouw gemeente kan ik nu geen inschatting maken: {fout}"

# --- the draft request ------------------------------------------------------------------

CONCEPT_KLAAR = (
    "Hier is je concept-aanvraag. Je kunt hem aanpassen. "
    "Neem hem mee naar het gesprek met je leidinggevende."
)
CONCEPT_BESTAND = "Je concept-aanvraag staat hier: {pad}"

CONCEPT = {
    "titel": "Aanvraag opleiding",
    "intro": (
        "Dit is een concept van de opleidingsbot. Vul de lege vakken in en pas de tekst aan. "
        "Neem het mee naar het gesprek met je leidinggevende. De bedragen zijn een "
        "inschatting. Je leidinggevende beslist. Haal de grijze tekst weg als je klaar bent."
    ),
    "gegevens": "Mijn gegevens",
    "naam_medewerker": "Naam",
    "functie": "Functie",
    "afdeling": "Afdeling",
    "leidinggevende": "Leidinggevende",
    "werkgever": "Werkgever",
    "datum": "Datum",
    "verzoek": "Mijn verzoek",
    "verzoek_tekst": (
        "Ik wil graag de opleiding hieronder volgen. Ik vraag je om toestemming. "
        "Ik vraag ook om een vergoeding van de kosten en om afspraken over studietijd."
    ),
    "doel": "Waarom: {doel}.",
    "categorie": "De regeling noemt dit „{categorie}”.",
    "eigen_woorden": (
        "[Schrijf hier in je eigen woorden wat de opleiding jou en je werk oplevert.]"
    ),
    "opleiding": "De opleiding",
    "naam": "Opleiding",
    "instelling": "School of instituut",
    "niveau": "Niveau",
    "start": "Start",
    "duur": "Duur",
    "duur_waarde": "{maanden} maanden",
    "een_jaar": "(1 jaar)",
    "jaren": "({jaren} jaar)",
    "diploma": "Diploma of certificaat",
    "onbekend": "nog niet bekend",
    "ja": "ja",
    "nee": "nee",
    "kosten_en_uren": "Kosten en uren",
    "studiekosten": "Lesgeld, examens en boeken",
    "reiskosten": "Reiskosten",
    "verblijfkosten": "Verblijfkosten",
    "totaal": "Totale kosten",
    "contract_uren": "Mijn contracturen",
    "studie_uren": "Verwachte studietijd",
    "uren": "{uren} uur per week",
    "in_werktijd": "Lessen of examens in werktijd",
    "regeling": "Wat de regeling zegt",
    "regeling_intro": (
        "De opleidingsbot heeft mijn aanvraag naast de regeling gelegd: {regeling}. "
        "Dit is de inschatting."
    ),
    "vergoeding": "Vergoeding",
    "vergoeding_waarde": "{percentage}%, dat is {bedrag}.",
    "vergoeding_ook": "Het kan ook {opties} zijn.",
    "vergoeding_open": "Nog niet zeker. Misschien {opties}.",
    "vergoeding_niets": "Misschien krijg ik niets vergoed.",
    "vergoeding_geen": "Geen vast percentage.",
    "verlof": "Studieverlof",
    "terugbetaling": "Terugbetalen",
    "staffel": (
        "Vertrek je binnen {maanden} maanden na de opleiding? Dan betaal je {percentage}% terug."
    ),
    "bron": "Bron:",
    "ook_gebruikt": "De opleidingsbot keek ook naar:",
    "wat_als": "Wat als ik vertrek?",
    "wat_als_na": "Als ik {maanden} maanden na de opleiding zelf vertrek",
    "wat_als_tijdens": "Als ik tijdens de opleiding zelf vertrek",
    "wat_als_gestopt": "Als ik zelf met de opleiding stop",
    "wat_als_bedrag": "betaal ik waarschijnlijk {bedrag} terug.",
    "wat_als_niets": "betaal ik niets terug.",
    "wat_als_onbekend": (
        "kan de opleidingsbot het bedrag niet uitrekenen. Ik vraag het na bij mijn HR-adviseur."
    ),
    "bespreken": "Punten om te bespreken",
    "checklist": "Checklist: wat je moet regelen",
    "akkoord": "Afspraken en akkoord",
    "afspraken": "Wat we afspreken",
    "medewerker": "Handtekening medewerker en datum",
    "leidinggevende_akkoord": "Handtekening leidinggevende en datum",
    "voet": "Concept van de opleidingsbot, gemaakt op {datum}. Een inschatting, geen besluit.",
    "pagina": "Pagina {pagina} van {paginas}",
}
"""The labels of the draft request (DOCX)."""

CONCEPT_DOELEN = {
    "verplicht_voor_functie": "de opleiding is verplicht voor mijn functie",
    "huidige_functie": "de opleiding is nodig voor mijn huidige werk",
    "toekomstige_functie_intern": "de opleiding is voor een nieuwe functie bij de gemeente",
    "loopbaan_intern": "de opleiding helpt mijn loopbaan bij de gemeente",
    "loopbaan_extern": "de opleiding is voor werk buiten de gemeente",
    "van_werk_naar_werk": "de opleiding hoort bij van werk naar werk, of bij omscholing",
    "persoonlijke_interesse": "persoonlijke interesse, los van mijn werk",
}
"""The goal in the employee's own voice, for the request to the manager."""

TOT_ZIENS = "Tot ziens! Je kunt altijd terugkomen."
GESPREK_KAPOT = "Sorry, er ging iets mis met ons gesprek. Ik begin opnieuw."
TE_DRUK = "Het is nu erg druk. Ik heb je bericht niet gelezen. Stuur het over een minuut opnieuw."
STORING = (
    "Sorry, er ging iets mis. Ik heb je bericht niet verwerkt. "
    "Stuur het over een minuut opnieuw. Blijft het misgaan? Vraag het dan aan HR."
)
TERMINAL_UITLEG = "(Stoppen met de chat: druk op Ctrl-D.)"

# --- HR ---------------------------------------------------------------------------------
# For HR staff: still plain Dutch, a little more about the FAQ itself.

ALLEEN_HR_VAN = "Je bent geen HR-medewerker van {gemeente}. Kies met /gemeente je eigen gemeente."
ALLEEN_HR = "Dit kan alleen een HR-medewerker doen. Je kunt wel gewoon een vraag stellen."
HR_FAQ_MENU = "FAQ beheren. Wat wil je doen?"
HR_ZOEK = "Zoek een vraag"
HR_NIEUW = "Nieuwe vraag maken"
HR_TYP_ZOEK = "Typ een paar woorden van de vraag die je zoekt."
HR_NIETS_GEVONDEN = "Ik vond geen vraag met die woorden. Probeer andere woorden."
HR_KIES_VRAAG = "Welke vraag bedoel je?"
HR_VRAAG = (
    "{vraag}\n\nAntwoord: {antwoord}\n\nBron: {bron}\n"
    "Formuleringen: {aantal}. Status: {status}. Bijgewerkt: {bijgewerkt}."
)
HR_AAN = "aan"
HR_UIT = "uit"
HR_ANTWOORD_AANPASSEN = "Antwoord aanpassen"
HR_FORMULERING_ERBIJ = "Formulering toevoegen"
HR_ZET_UIT = "Zet uit"
HR_ZET_AAN = "Zet aan"
HR_TYP_ANTWOORD = "Typ het nieuwe antwoord. Schrijf kort en eenvoudig, in je-vorm."
HR_TYP_FORMULERING = "Typ hoe iemand deze vraag nog meer kan stellen."
HR_VOORBEELD = "Zo komt het eruit te zien:\n\n{tekst}\n\nOpslaan?"
HR_OPSLAAN = "Opslaan"
HR_ANNULEREN = "Annuleren"
HR_OPGESLAGEN = "Opgeslagen. Iedereen krijgt vanaf nu het nieuwe antwoord."
HR_GEANNULEERD = "Niet opgeslagen."
HR_VEROUDERD = (
    "Niet opgeslagen: iemand anders heeft deze vraag net veranderd.\n"
    "Zo staat het er nu:\n\n{antwoord}\n\nBekijk de vraag opnieuw en pas hem dan aan."
)
HR_FOUT = "Niet opgeslagen: {fout}"
HR_NIEUW_VRAAG = "Wat is de vraag? Typ hem zoals een medewerker hem stelt."
HR_NIEUW_ANTWOORD = "Wat is het antwoord? Kort, eenvoudig, in je-vorm."
HR_NIEUW_DOCUMENT = "Op welk document berust het antwoord?"
HR_NIEUW_ARTIKEL = "Welk artikel of welke paragraaf? Bijvoorbeeld: artikel 8 lid 1."
HR_NIEUW_VARIANT = (
    "Typ een andere manier om de vraag te stellen ({nummer} van {totaal}). "
    "Zoals medewerkers het typen: kort, met afkortingen."
)
HR_NIEUWE_VRAAG_KLAAR = (
    "Vraag: {vraag}\nAntwoord: {antwoord}\nBron: {bron}\nFormuleringen:\n{varianten}"
)
HR_WACHTRIJ_LEEG = "Er staan geen onbeantwoorde vragen meer. Goed bezig!"
HR_WACHTRIJ = "Onbeantwoorde vraag ({nummer} van {totaal}), {aantal} keer gesteld:\n\n“{vraag}”"
HR_BIJNA = "\n\nHet dichtst in de buurt:\n{lijst}"
HR_ALS_FORMULERING = "Hoort bij: {vraag}"
HR_AFWIJZEN = "Afwijzen"
HR_VOLGENDE = "Volgende"
HR_TOEGEVOEGD_ALS_FORMULERING = "Toegevoegd. Wie dit vraagt, krijgt nu het antwoord op “{vraag}”."
HR_AFGEWEZEN = "Afgewezen. Deze vraag staat niet meer in de lijst."
HR_STATS_KOP = "Gebruik van de opleidingsbot (alleen tellingen, geen namen)."

HULP_HR = "Voor HR:"
HR_COMMANDO_OMSCHRIJVINGEN = {
    "faq": "HR: FAQ zoeken, aanpassen of aanvullen",
    "vragen": "HR: onbeantwoorde vragen bekijken",
    "stats": "HR: gebruik per week",
    "console": "HR: inloglink voor de HR-console in de browser",
}
CONSOLE_LINK = (
    "Je inloglink voor de HR-console:\n{link}\n\n"
    "De link werkt één keer, {minuten} minuten lang. Deel hem met niemand."
)
CONSOLE_UIT = "De HR-console staat niet aan bij deze bot. Vraag het de beheerder."
