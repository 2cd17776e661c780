"""Tests of the fact-extraction package."""
