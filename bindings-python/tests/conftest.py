import json
from pathlib import Path

import pytest

VECTORS = Path(__file__).resolve().parents[2] / "spec" / "vectors"


def load(name: str) -> list[dict]:
    data = json.loads((VECTORS / name).read_text())
    assert data["format"] == "tracemark-vectors" and data["version"] == 1
    return data["cases"]


@pytest.fixture(scope="session")
def sample():
    import tracemark

    return tracemark.sample_supply_chain()
