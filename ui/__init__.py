"""Streamlit pages. Pages only compose: logic lives in geo/ and layers/."""
