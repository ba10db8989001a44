"""LDA Dash: tracking a "Logement d'abord" convention, its targets, figures and clawback."""
