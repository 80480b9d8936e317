"""The engine's own Dutch sentences (B1, je-vorm). Policy wording lives in the regelingen."""

HANGT_AF = "Dat hangt nog af van je antwoorden op de open vragen."
NOG_OPEN = "Dit is nog niet zeker. Het hangt af van deze vragen: {vragen}"
MOGELIJK = "Mogelijk: {tekst} ({bron})."
NIETS = "niets"
OP_DE_GRENS = (
    "Je vertrekt precies {maanden} maanden na de opleiding. Dat is een grens in de regeling. "
    "Ik tel die maand nog mee bij de periode ervoor. "
    "Vraag je HR-adviseur of dat klopt."
)
TERUGBETALING_ONBEKEND = (
    "Hoeveel je terugbetaalt, kan ik niet uitrekenen. Vraag het je HR-adviseur."
)
