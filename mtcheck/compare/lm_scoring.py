"""Log-probabilities of continuations under a causal LM, many prompts per forward pass.

A document's pronouns each bring one prefix (their context) and a few continuations
(the alternatives in the slot). Prompts of one document share their opening (the
source, the sentences before the first pronoun), so the scorer groups them: each
group runs its longest common token prefix once, repeats that KV cache for every
(prompt, alternative) row, and sends all rows — the rest of each prefix plus the
continuation, right-padded — through the model as one batch. A prompt joins the
current group only when that costs fewer token positions than scoring it on its own
(a long private tail repeated for every alternative can cost more than its prefix).

Vocabulary projections are the expensive part of a small LM with a large vocabulary
(Gemma 3: 262k x 640 per position, more than its transformer body), so logits are
computed only at the positions that predict a continuation token, in chunks.

Scores equal those of one full forward pass per (prefix, continuation) pair: the
token sequences are the same (each prefix is tokenised on its own).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

MAX_ROWS = 48  # rows per forward pass: bounds memory on long documents
_HEAD_CHUNK = 512  # positions per vocabulary projection (262k floats each)


@dataclass
class _Group:
    members: list[int]  # indices into the prompt list
    common: int  # length of the shared token prefix

    def cost(self, prompts: Sequence[tuple[list[int], list[list[int]]]]) -> int:
        return _cost(self.common, [prompts[i] for i in self.members])


def _cost(common: int, members: Sequence[tuple[list[int], list[list[int]]]]) -> int:
    """Token positions through the model body: the shared prefix once, then every
    row padded to the widest."""
    rows = [len(p) - common + len(c) for p, conts in members for c in conts]
    return common + len(rows) * max(rows)


def _lcp(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def plan(prompts: Sequence[tuple[list[int], list[list[int]]]]) -> list[_Group]:
    """Greedy grouping in document order (neighbouring pronouns share the most text):
    a prompt joins the current group while that costs no more token positions than
    scoring it alone, and the group stays under MAX_ROWS rows."""
    groups: list[_Group] = []
    for i, (p_ids, conts) in enumerate(prompts):
        if groups:
            g = groups[-1]
            common = min(g.common, _lcp(prompts[g.members[0]][0], p_ids))
            rows = sum(len(prompts[j][1]) for j in g.members) + len(conts)
            merged = _cost(common, [prompts[j] for j in g.members] + [(p_ids, conts)])
            alone = g.cost(prompts) + _cost(len(p_ids), [(p_ids, conts)])
            if common > 0 and rows <= MAX_ROWS and merged <= alone:
                g.members.append(i)
                g.common = common
                continue
        groups.append(_Group([i], len(p_ids)))
    return groups


def score_batched(loaded: Any, prompts: Sequence[tuple[list[int], list[list[int]]]]) -> list[list[float]]:
    """``prompts``: (prefix ids, [continuation ids, ...]); every prefix non-empty.

    The model body runs group by group; the vocabulary projection runs once over the
    picked positions of every group, because a small batch of rows costs as much as a
    large one there: each call streams the whole 262k x 640 head from memory."""
    import torch

    picked: list[Any] = []  # final hidden states that predict a continuation token
    targets: list[int] = []
    owners: list[tuple[int, int]] = []  # (prompt, continuation) of each picked position
    with torch.inference_mode():
        for g in plan(prompts):
            _run_group(loaded, [prompts[i] for i in g.members], g.common, g.members, picked, targets, owners)
        logp = _log_probs(loaded, torch.cat(picked), torch.tensor(targets, device=loaded.device)).tolist() if picked else []
    out: list[list[float]] = [[0.0] * len(conts) for _, conts in prompts]
    for (i, c), value in zip(owners, logp):
        out[i][c] += value
    return out


def _cache_name(model: Any) -> str:
    # transformers 5.x names the KV cache `cache`; 4.x `past_key_values`.
    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


def _log_probs(loaded: Any, hidden: Any, targets: Any) -> Any:
    """log P(target) at each row of ``hidden`` (final-norm hidden states)."""
    import torch

    model = loaded.model
    head = model.get_output_embeddings()
    cap = getattr(model.config, "final_logit_softcapping", None)
    parts = []
    for start in range(0, hidden.shape[0], _HEAD_CHUNK):
        logits = head(hidden[start:start + _HEAD_CHUNK]).float()
        if cap is not None:
            logits = torch.tanh(logits / cap) * cap
        picked = logits.gather(1, targets[start:start + _HEAD_CHUNK, None])[:, 0]
        parts.append(picked - torch.logsumexp(logits, dim=-1))
    return torch.cat(parts) if parts else hidden.new_zeros(0)


def _run_group(loaded: Any, members: Sequence[tuple[list[int], list[list[int]]]], common: int,
               indices: Sequence[int], picked: list[Any], targets: list[int],
               owners: list[tuple[int, int]]) -> None:
    """Run one group through the model body; append the hidden state that predicts
    each continuation token, the token, and whose it is."""
    import torch

    model, device = loaded.model, loaded.device
    body = model.base_model
    name = _cache_name(body)
    shared = members[0][0][:common]
    rows = [(indices[m], k, p_ids[common:] + c, len(p_ids) - common, c)
            for m, (p_ids, conts) in enumerate(members) for k, c in enumerate(conts)]
    width = max(len(r[2]) for r in rows)
    first = body(input_ids=torch.tensor([shared], device=device), use_cache=True)
    cache = getattr(first, name)
    cache.batch_repeat_interleave(len(rows))  # one copy of the shared state per row
    ids = torch.zeros((len(rows), width), dtype=torch.long, device=device)
    mask = torch.zeros((len(rows), common + width), dtype=torch.long, device=device)
    mask[:, :common] = 1
    for r, (_, _, seq, _, _) in enumerate(rows):
        ids[r, :len(seq)] = torch.tensor(seq, device=device)
        mask[r, common:common + len(seq)] = 1
    hidden = body(input_ids=ids, attention_mask=mask, **{name: cache}).last_hidden_state
    # Row r's continuation token j is predicted at position tail + j - 1 of the
    # row; position -1 is the shared prefix's last one.
    rows_at, cols_at = [], []
    for r, (i, k, _, tail, c) in enumerate(rows):
        for j, token in enumerate(c):
            rows_at.append(r)
            cols_at.append(tail + j - 1)
            targets.append(token)
            owners.append((i, k))
    last = first.last_hidden_state[0, -1]
    cols = torch.tensor(cols_at, device=device)
    gathered = hidden[torch.tensor(rows_at, device=device), cols.clamp(min=0)]
    gathered[cols < 0] = last
    picked.append(gathered)


def score_naive(loaded: Any, p_ids: list[int], c_ids: list[list[int]]) -> list[float]:
    """The baseline: one full forward pass per continuation, full logits."""
    import torch

    scores = []
    with torch.inference_mode():
        for c in c_ids:
            ids = torch.tensor([p_ids + c], device=loaded.device)
            logp = loaded.model(input_ids=ids).logits[0].float().log_softmax(-1)
            scores.append(sum(float(logp[len(p_ids) + j - 1, c[j]]) for j in range(len(c))))
    return scores
