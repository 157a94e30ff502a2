"""Full screens of the study app (one module per screen)."""
