"""The run signature: built once per run from resolved settings, like sacrebleu's metric signature.

It is what decides an article's output (model identities, resolved engine and compute type,
decoding settings, chunk budget, normalization options, tool version) and nothing that only
changes speed (threads, batch sizes, parallel batches, article groups). It gives the cache key
of every article, the provenance in each JSON, and the one-line stamp on briefing.md.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from translate.version import __version__


@dataclass(frozen=True)
class RunSignature:
    translation: dict[str, Any]
    summarization: dict[str, Any]
    checks: dict[str, Any] = field(default_factory=dict)
    tool_version: str = __version__

    def provenance(self) -> dict[str, Any]:
        return {"tool": {"name": "translate-briefing", "version": self.tool_version},
                "models": {"translation": self.translation, "summarization": self.summarization}, "checks": self.checks}

    def cache_key(self, source_sha256: str) -> str:
        body = json.dumps({"source": source_sha256, **self.provenance()}, sort_keys=True)
        return hashlib.sha256(body.encode()).hexdigest()

    def stamp(self) -> str:
        def model(part: dict[str, Any]) -> str:
            if part.get("repo"):
                return f"{part['repo']}@{part['revision'][:7]}"
            return f"local:{part.get('content_sha256', '')[:12]}"

        t, s = self.translation, self.summarization
        mt = f"mt:{model(t)}|engine:{t['engine']}|compute:{t['compute_type']}|beams:{t['decoding']['num_beams']}|chunk:{t['chunk_tokens']}"
        if s["method"] == "extractive":
            brief = f"brief:extractive|sentences:{s['sentences']}"
        else:
            brief = f"brief:{model(s)}|engine:{s['engine']}|compute:{s['compute_type']}|beams:{s['decoding']['num_beams']}"
        return f"translate-briefing:{self.tool_version}|{mt}|{brief}"
