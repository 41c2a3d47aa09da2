"""Gives the fuzzing run a tenant with data; prints the tenant's access token.

A site with sectors, keywords (CSV import), a cluster, an idea turned into a writer task, and a
content item, so that generated requests reach real rows and not only 404s.
"""
import json
import sys
import urllib.request

BASE = sys.argv[1].rstrip("/") + "/api/v1"
TOKEN = None


def call(method, path, body=None, content_type="application/json"):
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if TOKEN:
        req.add_header("Authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(req) as r:
        raw = r.read()
    return json.loads(raw) if raw else None


reg = call("POST", "/auth/register/", {
    "email": "fuzz@example.com", "password": "fuzz passphrase 123", "account_name": "Fuzz"})
TOKEN = reg["data"]["access"]
site = call("POST", "/auth/sites/", {"name": "Fuzz site", "domain": "fuzz.example.com"})["data"]["id"]
sectors = call("POST", f"/auth/sites/{site}/select_sectors/", {
    "industry_slug": "technology", "sector_slugs": ["software-and-saas"]})["data"]
sector = sectors[0]["id"]
csv = "keyword,volume,difficulty\n" + "\n".join(
    f"fuzz keyword {i},{10 * i},{i % 100}" for i in range(1, 41)) + "\n"
call("POST", f"/planner/keywords/import_csv/?site_id={site}&sector_id={sector}", csv, "text/csv")
cluster = call("POST", "/planner/clusters/", {
    "site_id": site, "sector_id": sector, "name": "Fuzz cluster"})["data"]["id"]
idea = call("POST", "/planner/ideas/", {
    "site_id": site, "sector_id": sector, "cluster_id": cluster, "idea_title": "A fuzz idea"})["data"]["id"]
call("POST", "/planner/ideas/create_tasks/", {"ids": [idea]})
call("POST", "/writer/content/", {
    "site_id": site, "sector_id": sector, "title": "Fuzz article",
    "content_html": "<p>Hello</p>"})
print(TOKEN)
