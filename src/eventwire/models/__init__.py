"""Trained models that complement the rule-based extractors, with the commands that build them."""
