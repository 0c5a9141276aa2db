"""Log-probabilities of continuations under a causal LM, many prompts per forward pass.

Every pronoun brings one prefix (its context) and a few continuations (the
alternatives in its slot). The scorer runs in two batched passes over length buckets
of prompts: first every prefix of the bucket, right-padded, once, keeping its KV
cache; then every (prompt, continuation) row, the row attending to its own prefix's
cache (the padding masked out, positions continuing its own prefix). A prefix is
never repeated for its alternatives, and each pass is one large matrix product per
layer rather than many small ones: on a CPU, small batches waste most of the time.

A prefix that begins another prompt's prefix (two pronouns of one sentence share
their context) is not run at all: a causal model's cache of the longer prefix holds
the shorter one's as its first positions, so the shorter prompt's rows attend to
those positions only (:func:`hosts`). On WMT22 uk-en a third of the prompts are
hosted so.

Vocabulary projections are the expensive part of a small LM with a large vocabulary
(Gemma 3: 262k x 640 per position, more than its transformer body), so logits are
computed only at the positions that predict a continuation token, for all the
buckets together, in chunks.

Scores equal those of one full forward pass per (prefix, continuation) pair: the
token sequences are the same (each prefix is tokenised on its own), and prefixes are
short enough (``lm_rescore._MAX_PREFIX_TOKENS``) that no sliding-window layer drops
a position.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

MAX_PROMPTS = 16  # prompts per bucket: bounds memory (rows = prompts x alternatives)
_HEAD_CHUNK = 512  # positions per vocabulary projection (262k floats each)
_PAD_SLACK = 1.25  # a bucket's widest prefix at most this times its narrowest (+ 8)


def buckets(prompts: Sequence[tuple[list[int], list[list[int]]]]) -> list[list[int]]:
    """Prompt indices in buckets of similar prefix length, so that right-padding to
    the widest wastes little."""
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i][0]))
    out: list[list[int]] = []
    for i in order:
        if out and len(out[-1]) < MAX_PROMPTS and \
                len(prompts[i][0]) <= _PAD_SLACK * len(prompts[out[-1][0]][0]) + 8:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def hosts(prompts: Sequence[tuple[list[int], list[list[int]]]]) -> dict[int, int]:
    """prompt -> the prompt with the longest prefix that begins with its prefix, for
    every prompt whose prefix is a proper beginning of another's (exact token ids)."""
    order = sorted(range(len(prompts)), key=lambda i: prompts[i][0])
    out: dict[int, int] = {}
    for k, i in enumerate(order):
        mine = prompts[i][0]
        best = None
        # Prefixes that begin with `mine` sort right after it, in one run.
        for j in order[k + 1:]:
            theirs = prompts[j][0]
            if theirs[:len(mine)] != mine:
                break
            if len(theirs) > len(mine) and (best is None or len(theirs) > len(prompts[best][0])):
                best = j
        if best is not None:
            out[i] = best
    return out


def score_batched(loaded: Any, prompts: Sequence[tuple[list[int], list[list[int]]]]) -> list[list[float]]:
    """``prompts``: (prefix ids, [continuation ids, ...]); every prefix non-empty."""
    import torch

    picks = _Picks()
    hosted = hosts(prompts)
    guests: dict[int, list[int]] = {}
    for i, host in hosted.items():
        guests.setdefault(host, []).append(i)
    roots = [i for i in range(len(prompts)) if i not in hosted]
    with torch.inference_mode():
        for bucket in buckets([prompts[i] for i in roots]):
            members = [[roots[b]] + guests.get(roots[b], []) for b in bucket]
            _run_bucket(loaded, prompts, members, picks)
        logp = _log_probs(loaded, picks).tolist() if picks.hidden else []
    out: list[list[float]] = [[0.0] * len(conts) for _, conts in prompts]
    for (i, c), value in zip(picks.owners, logp):
        out[i][c] += value
    return out


class _Picks:
    """Final hidden states that predict continuation tokens, and what each predicts:
    a prefix's last state predicts the first token of every alternative, so it is
    projected onto the vocabulary once, not once per alternative."""

    def __init__(self) -> None:
        self.hidden: list[Any] = []  # blocks of hidden-state rows
        self.rows = 0
        self.row_of: list[int] = []  # per pick: its hidden-state row
        self.targets: list[int] = []
        self.owners: list[tuple[int, int]] = []  # per pick: (prompt, continuation)

    def add_rows(self, block: Any) -> int:
        self.hidden.append(block)
        self.rows += block.shape[0]
        return self.rows - block.shape[0]

    def pick(self, row: int, target: int, owner: tuple[int, int]) -> None:
        self.row_of.append(row)
        self.targets.append(target)
        self.owners.append(owner)


def _cache_name(model: Any) -> str:
    # transformers 5.x names the KV cache `cache`; 4.x `past_key_values`.
    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


def _log_probs(loaded: Any, picks: _Picks) -> Any:
    """log P(target) of every pick, the vocabulary projection done in row chunks."""
    import torch

    model = loaded.model
    head = model.get_output_embeddings()
    cap = getattr(model.config, "final_logit_softcapping", None)
    hidden = torch.cat(picks.hidden)
    row_of = torch.tensor(picks.row_of, device=hidden.device)
    targets = torch.tensor(picks.targets, device=hidden.device)
    out = torch.zeros(len(picks.targets), device=hidden.device)
    for start in range(0, hidden.shape[0], _HEAD_CHUNK):
        logits = head(hidden[start:start + _HEAD_CHUNK]).float()
        if cap is not None:
            logits = torch.tanh(logits / cap) * cap
        norm = torch.logsumexp(logits, dim=-1)
        here = ((row_of >= start) & (row_of < start + logits.shape[0])).nonzero()[:, 0]
        local = row_of[here] - start
        out[here] = logits[local, targets[here]] - norm[local]
    return out


def _run_bucket(loaded: Any, prompts: Sequence[tuple[list[int], list[list[int]]]],
                members: Sequence[Sequence[int]], picks: _Picks) -> None:
    """Both passes for one bucket; record the hidden states that predict each
    continuation token. ``members[b]``: the prompts on prefix row ``b``, its own
    first, then those its prefix hosts (each using its own first positions)."""
    import torch

    device = loaded.device
    body = loaded.model.base_model
    name = _cache_name(body)
    lengths = [len(prompts[m[0]][0]) for m in members]
    width = max(lengths)
    ids = torch.zeros((len(members), width), dtype=torch.long, device=device)
    for b, m in enumerate(members):
        ids[b, :lengths[b]] = torch.tensor(prompts[m[0]][0], device=device)
    prefix_mask = (torch.arange(width, device=device)[None, :] < torch.tensor(lengths, device=device)[:, None]).long()
    first = body(input_ids=ids, attention_mask=prefix_mask, use_cache=True)
    # (prefix row, prompt, its prefix length, continuation index, continuation ids)
    rows = [(b, i, len(prompts[i][0]), k, c) for b, m in enumerate(members) for i in m
            for k, c in enumerate(prompts[i][1])]
    cache = getattr(first, name)
    cache.batch_select_indices(torch.tensor([row[0] for row in rows], device=device))
    cont_width = max(len(row[4]) for row in rows)
    row_ids = torch.zeros((len(rows), cont_width), dtype=torch.long, device=device)
    positions = torch.zeros((len(rows), cont_width), dtype=torch.long, device=device)
    mask = torch.zeros((len(rows), width + cont_width), dtype=torch.long, device=device)
    for r, (_, _, length, _, c) in enumerate(rows):
        row_ids[r, :len(c)] = torch.tensor(c, device=device)
        positions[r] = torch.arange(length, length + cont_width, device=device)
        mask[r, :length] = 1
        mask[r, width:width + len(c)] = 1
    hidden = body(input_ids=row_ids, attention_mask=mask, position_ids=positions,
                  **{name: cache}).last_hidden_state
    # A row's first continuation token is predicted by its prefix's last position
    # (projected once per prompt); token j > 0 by the row's position j - 1.
    ends = {(b, length) for b, _, length, _, _ in rows}
    ends_list = sorted(ends)
    at_end = picks.add_rows(first.last_hidden_state[torch.tensor([b for b, _ in ends_list]),
                                                    torch.tensor([n - 1 for _, n in ends_list])])
    end_row = {key: at_end + n for n, key in enumerate(ends_list)}
    for r, (b, i, length, k, c) in enumerate(rows):
        owner = (i, k)
        picks.pick(end_row[(b, length)], c[0], owner)
        if len(c) > 1:
            at = picks.add_rows(hidden[r, :len(c) - 1])
            for j, token in enumerate(c[1:]):
                picks.pick(at + j, token, owner)


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
