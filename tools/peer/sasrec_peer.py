#!/usr/bin/env python3
"""
PyTorch reference peer for `npm run bench -- finetune --peer <python>` (issue 18 item 4).

A small, faithful SASRec trained with a full-softmax cross-entropy over every item at every
position, on CPU, with a fixed thread count, for a fixed number of epochs; prints one JSON object
(seconds per epoch, their median, mean loss per epoch). It is a timing peer, not a product part:
nothing in the app imports it, and it needs its own virtual environment outside the repository
(tools/peer/requirements.txt; docs/INTENT_MODEL.md, "A PyTorch peer").

Made to do the same work per epoch as our trainer (src/main/engine/training):
- data: Beauty.txt (`user item item ...`, oldest first). Leave-last-two-out as our test-fold
  training: the last item (test) and the one before (our validation target) are dropped; the rest
  is kept when it has >= 2 items, cut to its last maxLen + 1 items; each kept item but the last
  predicts the next one, positions counting from the oldest kept item (0..n-2).
- model: item embedding + learned positional embedding, input dropout, `blocks` pre-LN blocks
  (LN -> causal multi-head self-attention (one qkv projection, out projection) -> dropout ->
  residual; LN -> ff (dim*ff, GELU) -> dropout -> residual), final LN; scores = hidden . item
  embedding (tied) + item bias; optional repeat term (one learned scalar added to the scores of
  the items already in the row's history), as ours with repeat=1.
- loss: cross-entropy over all items at every real (non-padding) position, mean over positions.
- optimiser: Adam (betas 0.9, 0.98, eps 1e-8, decoupled weight decay `wd`), global gradient norm
  clipped at 5, as ours.
- batches: `batch` sequences per step in a seeded shuffled order. `--layout padded` (default, the
  textbook layout): right-padded to the batch's longest sequence (the causal mask keeps every
  real position from seeing a pad), the transformer runs on the pads too, the softmax on the real
  positions only. `--layout packed` (our layout): only the real rows, one after another, with a
  block-diagonal causal attention mask, so the blocks do no padding work either. Both give the
  same rows, the same targets and the same loss.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default=None, help='Beauty.txt (default: <repo>/../shared/datasets/amazon-beauty-2014/Beauty.txt or $INSTINCT_DATASETS)')
    p.add_argument('--num-items', type=int, default=0, help='catalogue size of the softmax (default: the largest item id in the file)')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--dim', type=int, default=64)
    p.add_argument('--blocks', type=int, default=2)
    p.add_argument('--heads', type=int, default=1)
    p.add_argument('--ff', type=int, default=2, help='feed-forward width as a multiple of dim')
    p.add_argument('--max-len', type=int, default=50)
    p.add_argument('--dropout', type=float, default=0.3)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--lr', type=float, default=0.002)
    p.add_argument('--wd', type=float, default=0.0)
    p.add_argument('--repeat', type=int, default=0, choices=[0, 1], help='1 = the learned repeat term, as ours with repeat=1')
    p.add_argument('--holdout', type=int, default=2, help='items dropped from the end of each sequence (2 = leave-last-two-out)')
    p.add_argument('--seed', type=int, default=7)
    p.add_argument('--steps', type=int, default=0, help='stop each epoch after this many steps (0 = the whole epoch; for checks only)')
    p.add_argument('--layout', default='padded', choices=['padded', 'packed'],
                   help='padded: each batch right-padded to its longest sequence (the textbook SASRec layout); '
                        'packed: the batch\'s real rows only, as one block-diagonal causal attention (our layout: no padding work)')
    return p.parse_args()


def default_data():
    root = os.environ.get('INSTINCT_DATASETS') or os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'datasets')
    return os.path.normpath(os.path.join(root, 'amazon-beauty-2014', 'Beauty.txt'))


def load_sequences(path, holdout, max_len):
    """Training sequences (0-based item indices) and the largest 1-based item id in the file."""
    seqs = []
    max_id = 0
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            items = [int(x) for x in parts[1:]]
            max_id = max(max_id, max(items))
            learn = items[: max(0, len(items) - holdout)]
            if len(learn) < 2:
                continue
            kept = learn[-(max_len + 1):]
            seqs.append([i - 1 for i in kept])
    return seqs, max_id


def main():
    args = parse_args()
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    data_path = args.data or default_data()
    seqs, max_id = load_sequences(data_path, args.holdout, args.max_len)
    n_items = args.num_items or max_id
    if max_id > n_items:
        sys.exit(f'item id {max_id} is above --num-items {n_items}')
    pad = n_items  # the padding row of the input embedding (never a softmax class)
    d, L = args.dim, args.max_len
    rows_per_epoch = sum(len(s) - 1 for s in seqs)
    padded_rows = 0  # rows the transformer blocks run on, pads included (counted in the first epoch)

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            ffd = d * args.ff
            self.ln1 = nn.LayerNorm(d)
            self.qkv = nn.Linear(d, 3 * d)
            self.out = nn.Linear(d, d)
            self.ln2 = nn.LayerNorm(d)
            self.ff1 = nn.Linear(d, ffd)
            self.ff2 = nn.Linear(ffd, d)
            self.drop = nn.Dropout(args.dropout)
            # Our initialisation (model/parameters.ts): normal weights, zero biases.
            for lin, std in ((self.qkv, 1 / math.sqrt(d)), (self.out, 0.5 / math.sqrt(d)), (self.ff1, 1 / math.sqrt(d)), (self.ff2, 0.5 / math.sqrt(ffd))):
                nn.init.normal_(lin.weight, std=std)
                nn.init.zeros_(lin.bias)

        def forward(self, x, mask):
            b, t, _ = x.shape
            h = args.heads
            q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True) if mask is None else F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            x = x + self.drop(self.out(a.transpose(1, 2).reshape(b, t, d)))
            return x + self.drop(self.ff2(F.gelu(self.ff1(self.ln2(x)))))

    class SASRec(nn.Module):
        def __init__(self):
            super().__init__()
            self.item = nn.Embedding(n_items + 1, d, padding_idx=pad)
            self.position = nn.Embedding(L, d)
            self.bias = nn.Parameter(torch.zeros(n_items))
            self.beta = nn.Parameter(torch.zeros(1)) if args.repeat else None
            self.drop = nn.Dropout(args.dropout)
            self.blocks = nn.ModuleList(Block() for _ in range(args.blocks))
            self.final = nn.LayerNorm(d)
            with torch.no_grad():
                nn.init.normal_(self.item.weight, std=0.1)
                self.item.weight[pad].zero_()
                nn.init.normal_(self.position.weight, std=0.1)

        def forward(self, inputs, valid, targets, pair_rows, pair_items, positions=None, mask=None):
            if mask is None:  # padded: (batch, t)
                x = self.item(inputs) + self.position.weight[: inputs.shape[1]].unsqueeze(0)
            else:  # packed: (1, real rows), each row attends to its own sequence's earlier rows only
                x = self.item(inputs) + self.position(positions)
            x = self.drop(x)
            for blk in self.blocks:
                x = blk(x, mask)
            hidden = self.final(x)[valid]  # (real rows, d)
            logits = hidden @ self.item.weight[:n_items].t() + self.bias  # full softmax: every item
            if self.beta is not None:
                logits = logits.index_put((pair_rows, pair_items), self.beta.expand(pair_rows.shape[0]), accumulate=True)
            return F.cross_entropy(logits, targets)

    model = SASRec()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-8, weight_decay=args.wd)

    def make_batch(chosen):
        t = max(len(s) for s in chosen) - 1
        inputs = np.full((len(chosen), t), pad, dtype=np.int64)
        valid = np.zeros((len(chosen), t), dtype=bool)
        targets = []
        pr, pi = [], []
        row = 0
        for b, s in enumerate(chosen):
            n = len(s) - 1
            inputs[b, :n] = s[:n]
            valid[b, :n] = True
            targets.extend(s[1:])
            if args.repeat:
                seen = []
                for k in range(n):
                    if s[k] not in seen:
                        seen.append(s[k])
                    pr.extend([row + k] * len(seen))
                    pi.extend(seen)
            row += n
        tail = (torch.tensor(targets, dtype=torch.int64), torch.tensor(pr, dtype=torch.int64), torch.tensor(pi, dtype=torch.int64))
        if args.layout == 'padded':
            return (torch.from_numpy(inputs), torch.from_numpy(valid)) + tail
        flat = torch.from_numpy(inputs[valid]).unsqueeze(0)
        positions = torch.from_numpy(np.nonzero(valid)[1]).unsqueeze(0)
        seg = torch.from_numpy(np.nonzero(valid)[0])
        r = torch.arange(seg.shape[0])
        mask = (seg[:, None] == seg[None, :]) & (r[:, None] >= r[None, :])
        return (flat, torch.ones_like(flat, dtype=torch.bool)) + tail + (positions, mask)

    epoch_seconds, epoch_cpu, epoch_loss = [], [], []
    steps = math.ceil(len(seqs) / args.batch)
    if args.steps > 0:
        steps = min(steps, args.steps)
    model.train()
    for epoch in range(args.epochs):
        start = time.perf_counter()
        cpu_start = time.process_time()
        order = rng.permutation(len(seqs))
        total = 0.0
        for s in range(steps):
            batch = make_batch([seqs[i] for i in order[s * args.batch:(s + 1) * args.batch]])
            if epoch == 0:
                padded_rows += batch[0].numel()
            opt.zero_grad(set_to_none=True)
            loss = model(*batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        epoch_seconds.append(time.perf_counter() - start)
        epoch_cpu.append(time.process_time() - cpu_start)
        epoch_loss.append(total / steps)
        print(f'peer epoch {epoch + 1}: {epoch_seconds[-1]:.2f} s wall, {epoch_cpu[-1]:.2f} s CPU, mean loss {epoch_loss[-1]:.4f}', file=sys.stderr, flush=True)

    print(json.dumps({
        'peer': 'pytorch-sasrec-full-softmax',
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'interop_threads': torch.get_num_interop_threads(),
        'data': data_path,
        'layout': args.layout,
        'hyperparameters': {'dim': d, 'blocks': args.blocks, 'heads': args.heads, 'ff': args.ff, 'maxLen': L, 'dropout': args.dropout, 'batch': args.batch, 'lr': args.lr, 'wd': args.wd, 'repeat': args.repeat, 'holdout': args.holdout, 'seed': args.seed},
        'num_items': n_items,
        'train_sequences': len(seqs),
        'rows_per_epoch': rows_per_epoch,
        'padded_rows_first_epoch': padded_rows,
        'steps_per_epoch': steps,
        'epochs': args.epochs,
        'epoch_seconds': [round(x, 3) for x in epoch_seconds],
        'epoch_seconds_median': round(statistics.median(epoch_seconds), 3),
        'epoch_cpu_seconds': [round(x, 3) for x in epoch_cpu],
        'epoch_loss': [round(x, 4) for x in epoch_loss],
    }))


if __name__ == '__main__':
    main()
