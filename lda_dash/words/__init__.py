"""How the product writes French: the glossary of its terms (statuses, modes, roles, the figure
workflow), values in their unit, and the sentences pages, reports and the deck share."""
