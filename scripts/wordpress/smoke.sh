#!/usr/bin/env bash
# End-to-end proof of scripts/wordpress/wp.sh and the igny8-bridge plugin against a real
# WordPress: brings up an instance on a free port in a temp dir, runs platform_stub.py as the
# IGNY8 platform, and checks publish / update / schedule / auth / images / webhook / structure
# push / stop-web + start-web / a second instance side by side / down --purge.
#
#   scripts/wordpress/smoke.sh        prints one line per check, then "N passed, M failed"
#
# Not part of `make test`. Needs python3 and curl (no jq). Exit status 1 when a check fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WP="$HERE/wp.sh"
KEY="smoke-key-$RANDOM$RANDOM-abcd"
PASS=0
FAIL=0
T0="$(date +%s%N)"

TMP="$(mktemp -d /tmp/igny8-wp-smoke.XXXXXX)"
DATA="$TMP/wp"
DATA2="$TMP/wp2"
DATA3="$TMP/wp3"
BODY="$TMP/body.json"
RECORDS="$TMP/platform-requests.jsonl"
STUB_PID=""
: >"$RECORDS"

say() { printf '%s\n' "$*" >&2; }
ok() { PASS=$((PASS + 1)); say "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); say "FAIL - $1${2:+ ($2)}"; }
check() { # check DESC CMD...
    local desc=$1
    shift
    if "$@"; then ok "$desc"; else bad "$desc"; fi
}

cleanup() {
    local rc=$?
    if [ -n "$STUB_PID" ]; then kill "$STUB_PID" 2>/dev/null || true; fi
    "$WP" down "$DATA3" --purge >/dev/null 2>&1 || true
    "$WP" down "$DATA2" --purge >/dev/null 2>&1 || true
    "$WP" down "$DATA" --purge >/dev/null 2>&1 || true
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# req METHOD URL [curl args...]: sets CODE; the body is in $BODY.
req() {
    local method=$1 url=$2
    shift 2
    CODE="$(curl -s -o "$BODY" -w '%{http_code}' -X "$method" --max-time 30 "$@" "$url" || true)"
}

mark() { MARK="$(wc -l <"$RECORDS")"; }

# expect DESC PYTHON_EXPR: the expression sees d (the JSON body), code (HTTP status),
# r (every request the stub recorded) and new (those recorded since the last `mark`).
expect() {
    if python3 - "$2" "$BODY" "${CODE:-0}" "$RECORDS" "${MARK:-0}" <<'PY'; then
import json, sys
expr, path, code, rec, mark = sys.argv[1:6]
try:
    d = json.load(open(path, encoding="utf-8"))
except Exception:
    d = None
r = [json.loads(line) for line in open(rec, encoding="utf-8") if line.strip()]
new = r[int(mark):]
try:
    ok = eval(expr, {"d": d, "code": int(code or 0), "r": r, "new": new, "json": json})
except Exception as e:  # a missing key etc. is a failed check, not a crash
    print(f"    ({type(e).__name__}: {e})", file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
PY
        ok "$1"
    else
        bad "$1" "HTTP ${CODE:-?}: $(head -c 400 "$BODY" 2>/dev/null | tr '\n' ' ')"
    fi
}

# val PYTHON_EXPR: prints the value of an expression over the JSON body (d).
val() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[2])); v=eval(sys.argv[1]); print(v if isinstance(v,str) else json.dumps(v))' "$1" "$BODY"
}

# ------------------------------------------------------------------------------------- up

PORT="$(free_port)"
STUB_PORT="$(free_port)"
say "# wp.sh up $PORT $DATA"
t_up="$(date +%s%N)"
if ! OUT="$("$WP" up "$PORT" "$DATA")"; then
    bad "wp.sh up"
    say "$FAIL failed"
    exit 1
fi
say "# up took $(( ($(date +%s%N) - t_up) / 1000000 )) ms"
KEYS="$(printf '%s\n' "$OUT" | sed -n 's/^\([A-Z_]*\)=.*/\1/p' | tr '\n' ' ')"
check "up prints exactly the documented KEY=VALUE lines" \
    test "$KEYS" = "WP_URL WP_REST_URL WP_ADMIN_USER WP_ADMIN_PASSWORD WP_APP_PASSWORD WP_VERSION WP_PID WP_DB_PID WP_DATA_DIR "
check "stdout has nothing but KEY=VALUE lines" test "$(printf '%s\n' "$OUT" | grep -cv '^[A-Z_]*=')" = 0
check "wp.env holds the same lines" test "$OUT" = "$(cat "$DATA/wp.env")"
while IFS='=' read -r k v; do
    case "$k" in WP_*) printf -v "$k" '%s' "$v" ;; esac
done <<<"$OUT"
check "up refuses a port already in use" bash -c "! '$WP' up '$PORT' '$TMP/other' 2>/dev/null"
mkdir -p "$TMP/foreign" && touch "$TMP/foreign/file"
check "up refuses a non-empty DATA_DIR it did not create" bash -c "! '$WP' up '$(free_port)' '$TMP/foreign' 2>/dev/null"
check "status: web and db run" bash -c "'$WP' status '$DATA' | grep -qx WP_WEB=running && '$WP' status '$DATA' | grep -qx WP_DB=running"

ADMIN=(-u "$WP_ADMIN_USER:$WP_APP_PASSWORD")
JSON=(-H 'Content-Type: application/json')
R="${WP_REST_URL}igny8/v1"
P="http://127.0.0.1:$STUB_PORT"

python3 "$HERE/platform_stub.py" "$STUB_PORT" "$KEY" "$RECORDS" >/dev/null 2>"$TMP/stub.log" &
STUB_PID=$!
for _ in $(seq 1 50); do
    curl -s -o /dev/null "$P/health" && break
    sleep 0.1
done

# ------------------------------------------------------------------------------- settings

req GET "$R/site-metadata" -H "X-IGNY8-API-KEY: $KEY"
expect "no key configured yet: 401 igny8_unauthorized" 'code == 401 and d["code"] == "igny8_unauthorized"'
req POST "$R/settings" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" -d '{}'
expect "settings need the admin (anonymous: 401)" 'code == 401'

mark
req POST "$R/settings" "${ADMIN[@]}" "${JSON[@]}" \
    -d "{\"api_base\":\"$P\",\"api_key\":\"$KEY\",\"integration_id\":7,\"connection_enabled\":true,\"default_post_status\":\"draft\"}"
expect "settings saved (admin app password)" 'code == 200 and d["api_key_set"] and d["integration_id"] == 7'
expect "saving settings pushed the site structure" \
    'd["structure_push"]["platform_status"] == 200 and any(x["path"] == "/api/v1/integration/integrations/7/update_site_structure/" and x["key_ok"] for x in new)'
req GET "$R/settings" "${ADMIN[@]}"
expect "settings GET masks the key (set + last 4 only)" \
    "code == 200 and d['api_key_set'] is True and d['api_key_last4'] == 'abcd' and '$KEY' not in json.dumps(d)"
req POST "$R/settings" "${ADMIN[@]}" "${JSON[@]}" -d '{"api_base":"ftp://x"}'
expect "settings reject a non-http api_base (400 naming it)" 'code == 400 and "api_base" in d["message"]'

# --------------------------------------------------------------------------------- publish

req POST "$R/publish" -H "X-IGNY8-API-KEY: wrong" "${JSON[@]}" -d '{"content_id":1,"title":"x","content_html":"x"}'
expect "wrong key: 401 igny8_unauthorized" 'code == 401 and d["code"] == "igny8_unauthorized"'
req POST "$R/publish" "${JSON[@]}" -d '{"content_id":1,"title":"x","content_html":"x"}'
expect "missing key: 401" 'code == 401 and d["code"] == "igny8_unauthorized"'
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" -d '{"content_id":1,"content_html":"<p>x</p>"}'
expect "missing title: 400 naming the field" 'code == 400 and "title" in d["message"] and d["data"]["status"] == 400'
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" -d '{"content_id":"abc","title":"t","content_html":"<p>x</p>"}'
expect "bad content_id: 400 naming the field" 'code == 400 and "content_id" in d["message"]'

cat >"$TMP/publish1.json" <<EOF
{"content_id": 101, "task_id": 55, "title": "Smoke article: café & more",
 "content_html": "<!-- igny8:content:101 --><h2>Intro</h2><p>Text</p><p><img src=\"$P/images/inline-1.png\"></p><script>alert(1)</script>",
 "excerpt": "Short summary", "slug": "smoke-article", "status": "publish",
 "seo_title": "SEO title 101", "seo_description": "SEO description 101",
 "primary_keyword": "seo tips", "secondary_keywords": ["long tail", "Rust"],
 "categories": ["Smoke News", "Guides"], "tags": ["rust", "testing"],
 "featured_image_url": "$P/images/hero.png",
 "images": [{"url": "$P/images/inline-1.png", "alt": "Inline alt text"}]}
EOF
mark
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" --data-binary "@$TMP/publish1.json"
expect "publish creates a post: 201 with post_id/post_url/post_status/term_ids/featured_media" \
    'code == 201 and d["post_id"] > 0 and d["post_status"] == "publish" and d["post_url"].endswith("/smoke-article/") and len(d["term_ids"]["categories"]) == 2 and d["featured_media"] > 0'
expect "tags = tags + primary + secondary keywords, deduplicated (rust/Rust once)" 'len(d["term_ids"]["tags"]) == 4'
POST_ID="$(val 'd["post_id"]')"
FEATURED="$(val 'd["featured_media"]')"
expect "images were downloaded with the X-IGNY8-API-KEY header" \
    'sorted(x["path"] for x in new if x["path"].startswith("/images/")) == ["/images/hero.png", "/images/inline-1.png"] and all(x["key_ok"] for x in new)'
expect "no status webhook fired during our own publish" 'not any("webhooks" in x["path"] for x in new)'

req GET "${WP_REST_URL}wp/v2/posts/$POST_ID?context=edit" "${ADMIN[@]}"
expect "the post reads back: title, excerpt, categories, tags, featured media" \
    "code == 200 and d['title']['raw'] == 'Smoke article: café & more' and d['excerpt']['raw'] == 'Short summary' and len(d['categories']) == 2 and len(d['tags']) == 4 and d['featured_media'] == $FEATURED"
expect "in-article image rewritten to the media library, with alt" \
    "'/wp-content/uploads/' in d['content']['raw'] and '$P' not in d['content']['raw'] and 'alt=\"Inline alt text\"' in d['content']['raw']"
expect "content went through wp_kses_post (no <script>; HTML comments kept)" \
    "'<script' not in d['content']['raw'] and d['content']['raw'].startswith('<!-- igny8:content:101 -->')"
expect "_igny8_* meta visible in context=edit" \
    "d['meta']['_igny8_meta_title'] == 'SEO title 101' and d['meta']['_igny8_content_id'] == 101 and d['meta']['_igny8_task_id'] == 55 and d['meta']['_igny8_primary_keyword'] == 'seo tips' and json.loads(d['meta']['_igny8_secondary_keywords']) == ['long tail', 'Rust']"
req GET "${WP_REST_URL}wp/v2/media/$FEATURED"
MEDIA_URL="$(val 'd["source_url"]')"
check "the featured image is served from /wp-content/uploads (image/png)" \
    test "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$MEDIA_URL")" = "200 image/png"
req GET "${WP_REST_URL}wp/v2/categories?post=$POST_ID"
expect "missing categories were created by name" 'sorted(c["name"] for c in d) == ["Guides", "Smoke News"]'

# Second publish of the same content id: same post, updated; images reused, not downloaded.
sed -e 's/Smoke article: café \& more/Smoke article v2/' -e 's/"task_id": 55/"task_id": null/' \
    "$TMP/publish1.json" >"$TMP/publish2.json"
mark
req POST "$R/publish" -H "Authorization: Bearer $KEY" "${JSON[@]}" --data-binary "@$TMP/publish2.json"
expect "republishing the same content_id updates the same post (200, Bearer auth)" \
    "code == 200 and d['post_id'] == $POST_ID and d['featured_media'] == $FEATURED"
expect "already imported images are reused (no new download)" 'not any(x["path"].startswith("/images/") for x in new)'
req GET "${WP_REST_URL}wp/v2/posts/$POST_ID?context=edit" "${ADMIN[@]}"
expect "the update is visible" "d['title']['raw'] == 'Smoke article v2' and d['meta']['_igny8_task_id'] == 0"

# Concurrent first publishes of one content id must not create two posts.
RACE=()
for i in 1 2 3; do
    curl -s -o "$TMP/race$i.json" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" \
        -d "{\"content_id\":202,\"title\":\"Race $i\",\"content_html\":\"<p>race</p>\",\"status\":\"draft\"}" "$R/publish" &
    RACE+=($!)
done
wait "${RACE[@]}"
check "3 concurrent publishes of one new content_id give one post id" test "$(python3 -c '
import json,sys; print(len({json.load(open(f))["post_id"] for f in sys.argv[1:]}))' "$TMP"/race[123].json)" = 1

# Scheduling.
FUTURE="$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc)+d.timedelta(days=2)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" \
    -d "{\"content_id\":102,\"title\":\"Scheduled\",\"content_html\":\"<p>later</p>\",\"status\":\"publish\",\"published_at\":\"$FUTURE\"}"
expect "publish with a future published_at is scheduled (future)" 'code == 201 and d["post_status"] == "future"'
FUTURE_ID="$(val 'd["post_id"]')"
req GET "${WP_REST_URL}wp/v2/posts/$FUTURE_ID?context=edit" "${ADMIN[@]}"
expect "…at that date (date_gmt)" "d['status'] == 'future' and d['date_gmt'] + 'Z' == '$FUTURE'"

req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" \
    -d '{"content_id":103,"title":"Default status","content_html":"<p>d</p>"}'
expect "no status: the default status option (draft)" 'code == 201 and d["post_status"] == "draft"'

# A failed image download: 502, and no post left behind.
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" \
    -d "{\"content_id\":104,\"title\":\"Broken image zqxv\",\"content_html\":\"<p>b</p>\",\"status\":\"publish\",\"featured_image_url\":\"$P/images/missing.png\"}"
expect "a failed image download: 502 igny8_image_failed naming the URL" \
    "code == 502 and d['code'] == 'igny8_image_failed' and '$P/images/missing.png' in d['message']"
req GET "${WP_REST_URL}wp/v2/posts?search=zqxv&status=any" "${ADMIN[@]}"
expect "…and no post was created for it" 'code == 200 and d == []'

# --------------------------------------------------------------------- WordPress -> platform

mark
req DELETE "${WP_REST_URL}wp/v2/posts/$POST_ID" "${ADMIN[@]}"
expect "trashing via DELETE /wp/v2/posts/ID works" 'code == 200 and d["status"] == "trash"'
expect "…and the platform got the status webhook before the call returned" \
    "[ (x['body']['post_id'], x['body']['content_id'], x['body']['post_status'], x['body']['previous_status'], x['key_ok']) for x in new if x['path'] == '/api/v1/integration/webhooks/wordpress/status/' ] == [($POST_ID, 101, 'trash', 'publish', True)]"
expect "…with site_url, post_url and modified_gmt" \
    "all(x['body']['site_url'] == '$WP_URL' and x['body']['post_url'] and x['body']['modified_gmt'].endswith('Z') for x in new)"

mark
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" --data-binary "@$TMP/publish2.json"
expect "republishing a trashed post's content_id restores the same post" \
    "code == 200 and d['post_id'] == $POST_ID and d['post_status'] == 'publish' and d['post_url'].endswith('/smoke-article/')"
expect "…without a webhook echo" 'not any("webhooks" in x["path"] for x in new)'

mark
req POST "$R/push-structure" -H "X-IGNY8-API-KEY: $KEY"
expect "push-structure reaches the platform (platform_status 200, body decoded)" \
    'code == 200 and d["platform_status"] == 200 and d["platform_body"]["success"] is True'
expect "…with post types, taxonomies and counts" \
    'any(x["path"].endswith("/integrations/7/update_site_structure/") and x["key_ok"] and any(p["name"] == "post" and p["count"] >= 2 for p in x["body"]["post_types"]) and any(t["name"] == "category" for t in x["body"]["taxonomies"]) for x in new)'

req GET "$R/site-metadata" -H "X-IGNY8-API-KEY: $KEY"
expect "site-metadata (key auth)" \
    "code == 200 and d['wp_version'] and d['site_url'] == '$WP_URL' and d['plugins'] == {'yoast': False, 'rank_math': False} and d['plugin_version']"

mark
req POST "$R/test-connection" "${ADMIN[@]}"
expect "test-connection calls the platform with Authorization: Bearer" \
    'code == 200 and d["platform_status"] == 200 and [x["bearer_ok"] for x in new] == [True] and new[0]["body"]["site_url"]'

mark
req POST "$R/settings" "${ADMIN[@]}" "${JSON[@]}" -d '{"connection_enabled":false}'
req POST "$R/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" --data-binary "@$TMP/publish2.json"
expect "connection disabled: 403 igny8_disabled" 'code == 403 and d["code"] == "igny8_disabled"'
req POST "$R/settings" "${ADMIN[@]}" "${JSON[@]}" -d '{"connection_enabled":true}'

check "the key never appears in the logs" bash -c "! grep -rqF '$KEY' '$DATA/logs'"

# ------------------------------------------------------------------- stop-web / start-web

"$WP" stop-web "$DATA" 2>/dev/null
check "stop-web: the site no longer answers" test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$WP_URL/" || true)" = 000
check "stop-web: status says web stopped, db running" \
    bash -c "'$WP' status '$DATA' | grep -qx WP_WEB=stopped && '$WP' status '$DATA' | grep -qx WP_DB=running"
t_sw="$(date +%s%N)"
check "start-web returns 0" "$WP" start-web "$DATA"
say "# start-web took $(( ($(date +%s%N) - t_sw) / 1000000 )) ms"
req GET "${WP_REST_URL}wp/v2/posts/$POST_ID?context=edit" "${ADMIN[@]}"
expect "after start-web the data is still there" "code == 200 and d['title']['raw'] == 'Smoke article v2'"

# ------------------------------------------------------ side by side, watchdog, owner, down

# The second instance also gets an extra plugin (WP_PLUGINS) posing as Yoast and Rank Math.
mkdir -p "$TMP/plugins/fake-seo"
cat >"$TMP/plugins/fake-seo/fake-seo.php" <<'PHP'
<?php
/* Plugin Name: Fake SEO (smoke test): defines what Yoast and Rank Math define */
define('WPSEO_VERSION', '99.0');
class RankMath {}
PHP
PORT2="$(free_port)"
if OUT2="$(WP_PLUGINS="$TMP/plugins/fake-seo" "$WP" up "$PORT2" "$DATA2" 2>/dev/null)"; then
    ok "a second instance comes up on another port (with WP_PLUGINS)"
    check "both instances answer" test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT2/wp-json/")$(curl -s -o /dev/null -w '%{http_code}' "$WP_REST_URL")" = 200200
    APP2="$(printf '%s\n' "$OUT2" | sed -n 's/^WP_APP_PASSWORD=//p')"
    R2="http://127.0.0.1:$PORT2/wp-json/igny8/v1"
    req POST "$R2/settings" -u "admin:$APP2" "${JSON[@]}" -d "{\"api_base\":\"$P\",\"api_key\":\"$KEY\"}"
    req GET "$R2/site-metadata" -H "X-IGNY8-API-KEY: $KEY"
    expect "site-metadata flags Yoast and Rank Math when active" 'd["plugins"] == {"yoast": True, "rank_math": True}'
    req POST "$R2/publish" -H "X-IGNY8-API-KEY: $KEY" "${JSON[@]}" \
        -d '{"content_id":7,"title":"SEO","content_html":"<p>s</p>","meta_title":"MT","meta_description":"MD","primary_keyword":"pk"}'
    SOCK2="$(sed -n 's/^SOCK=//p' "$DATA2/run/instance.env")"
    META2="$(mariadb --no-defaults --protocol=socket --socket="$SOCK2" -N -B wordpress -e \
        "SELECT CONCAT(meta_key, '=', meta_value) FROM wp_postmeta WHERE post_id = $(val 'd["post_id"]') AND (meta_key LIKE '_yoast%' OR meta_key LIKE 'rank_math%') ORDER BY meta_key" | tr '\n' ' ')"
    check "Yoast and Rank Math meta written when they are active" \
        test "$META2" = "_yoast_wpseo_focuskw=pk _yoast_wpseo_metadesc=MD _yoast_wpseo_title=MT rank_math_description=MD rank_math_focus_keyword=pk rank_math_title=MT "
    # Deleted without `down` (a test harness dropping its temp dir): the watchdog stops it.
    PIDS2="$(sed -n 's/^WP_\(DB_\)\{0,1\}PID=//p' "$DATA2/wp.env" | tr '\n' ' ')"
    rm -rf "$DATA2"
    sleep 2.5
    check "DATA_DIR deleted without down: the watchdog stopped web and db, removed the shim" \
        bash -c "for p in $PIDS2; do s=\$(sed 's/.*) //' /proc/\$p/stat 2>/dev/null | cut -d' ' -f1); [ -z \"\$s\" ] || [ \"\$s\" = Z ] || exit 1; done; [ ! -e /etc/wordpress/config-igny8-wp-$PORT2.php ]"
    check "the first instance still answers after the second went away" test "$(curl -s -o /dev/null -w '%{http_code}' "$WP_REST_URL")" = 200
else
    bad "a second instance comes up on another port (with WP_PLUGINS)"
fi

# WP_OWNER_PID: when the owner dies the instance takes itself down and deletes DATA_DIR.
sleep 120 &
OWNER=$!
PORT3="$(free_port)"
if WP_OWNER_PID=$OWNER "$WP" up "$PORT3" "$DATA3" >/dev/null 2>&1; then
    kill "$OWNER"
    for _ in $(seq 1 50); do
        [ -e "$DATA3" ] || break
        sleep 0.1
    done
    check "WP_OWNER_PID died: the instance went down and DATA_DIR is gone" \
        bash -c "[ ! -e '$DATA3' ] && [ ! -e /etc/wordpress/config-igny8-wp-$PORT3.php ] && ! (exec 3<>/dev/tcp/127.0.0.1/$PORT3) 2>/dev/null"
else
    kill "$OWNER"
    bad "an instance with WP_OWNER_PID comes up"
fi

PIDS="$(sed -n 's/^WP_\(DB_\)\{0,1\}PID=//p' "$DATA/wp.env" | tr '\n' ' ')"
SHIM="/etc/wordpress/config-igny8-wp-$PORT.php"
check "the /etc/wordpress shim exists while up" test -f "$SHIM"
t_down="$(date +%s%N)"
check "down --purge exits 0" "$WP" down "$DATA" --purge
say "# down took $(( ($(date +%s%N) - t_down) / 1000000 )) ms"
alive=""
for pid in $PIDS; do
    s="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1 || true)"
    [ -n "$s" ] && [ "$s" != Z ] && alive+="$pid "
done
check "down: nothing left running (web, db)" test -z "$alive"
check "down: shim removed" test ! -e "$SHIM"
check "down --purge: DATA_DIR removed" test ! -e "$DATA"
check "down on a gone DATA_DIR exits 0" "$WP" down "$DATA"
check "nothing listens on the port any more" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null"

say "# smoke took $(( ($(date +%s%N) - T0) / 1000000 )) ms"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
