#!/usr/bin/env python3
"""Writes N synthetic Mastodon notifications as API pages of 40, one page per line (the shape
`curl …/api/v1/notifications` gives, appended page after page), for measuring import speed.

Usage: gen_mastodon.py N > notifications.jsonl
"""
import json, random, sys

def main():
    count = int(sys.argv[1])
    rng = random.Random(count)
    names = ["Alice", "田中健二", "María", "نور", "Sam 🏳️‍🌈", "Priya 👩🏽‍💻", "王伟", "Zoë"]
    texts = ["is the meetup still on?", "返信ありがとうございます！🙏", "great post &amp; thanks",
             "could you take a look at this?", "我们每天都在用这个工具！"]
    page = []
    out = sys.stdout
    for index in range(count):
        user = rng.randrange(5000)
        status_id = str(110_000_000_000_000_000 + index)
        kind = "mention" if rng.random() < 0.8 else "favourite"
        created = "2026-%02d-%02dT%02d:%02d:%02d.000Z" % (rng.randint(1, 10), rng.randint(1, 28), rng.randrange(24), rng.randrange(60), rng.randrange(60))
        account = {"id": str(user), "username": "user%d" % user, "acct": "user%d@example.social" % user,
                   "display_name": names[user % len(names)], "url": "https://example.social/@user%d" % user}
        html = '<p><span class="h-card"><a href="https://me.social/@you" class="u-url mention">@<span>you</span></a></span> %s #%d</p>' % (texts[index % len(texts)], index)
        status = {"id": status_id, "created_at": created, "in_reply_to_id": None, "visibility": "public",
                  "spoiler_text": "", "content": html, "url": "https://example.social/@user%d/%s" % (user, status_id),
                  "account": account, "media_attachments": [], "mentions": []}
        page.append({"id": str(900_000_000 + index), "type": kind, "created_at": created, "account": account, "status": status})
        if len(page) == 40 or index == count - 1:
            out.write(json.dumps(page, ensure_ascii=False) + "\n")
            page = []

if __name__ == "__main__":
    main()
