"""The engine's own Dutch sentences (B1, je-vorm). Policy wording lives in the regelingen."""

HANGT_AF = "Dat hangt nog af van je antwoorden op de open vragen."
NOG_OPEN = "Dit is nog niet zeker. Het hangt af van deze vragen: {vragen}"
MOGELIJK = "Mogelijk: {tekst} ({bron})."
OP_DE_GRENS = (
    "Je vertrekt precies op een grens van de staffel ({maanden} maanden). "
    "Wij tellen die maand nog mee bij de trede ervoor. "
    "Vraag bij HR na of zij dat ook zo tellen."
)
TERUGBETALING_ONBEKEND = (
    "Hoeveel je terugbetaalt, kunnen wij niet uitrekenen. Vraag het bij HR na."
)
