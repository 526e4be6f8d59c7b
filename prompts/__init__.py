"""Prompt templates (jinja2), shipped as package data of `summarizer.prompts`."""
