<?php
/**
 * POST /wp-json/igny8/v1/publish: create or update the post of one IGNY8 content id.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Publisher
{
    const STATUSES = array('publish', 'draft', 'pending', 'private', 'future');
    const LOCK_WAIT = 20;

    /** @var int >0 while a publish runs: the status webhook stays quiet (no echo of our change) */
    private static $depth = 0;

    public static function is_publishing()
    {
        return self::$depth > 0;
    }

    /** @return WP_REST_Response|WP_Error */
    public static function handle(WP_REST_Request $request)
    {
        $body = $request->get_json_params();
        if (!is_array($body)) {
            $body = json_decode((string) $request->get_body(), true);
        }
        if (!is_array($body) || ($body !== array() && array_keys($body) === range(0, count($body) - 1))) {
            return new WP_Error('igny8_invalid_body', 'The body must be a JSON object.', array('status' => 400));
        }
        $input = self::validate($body);
        if (is_wp_error($input)) {
            return $input;
        }

        self::$depth++;
        try {
            $lock = Igny8_Bridge_Lock::acquire('content-' . $input['content_id'], self::LOCK_WAIT);
            if (is_wp_error($lock)) {
                return $lock;
            }
            try {
                return self::publish($input);
            } finally {
                Igny8_Bridge_Lock::release($lock);
            }
        } finally {
            self::$depth--;
        }
    }

    /** The post (any status, trash included) that carries this IGNY8 content id, or 0. */
    public static function find_post($content_id)
    {
        global $wpdb;
        return (int) $wpdb->get_var($wpdb->prepare(
            "SELECT p.ID FROM {$wpdb->postmeta} m INNER JOIN {$wpdb->posts} p ON p.ID = m.post_id
             WHERE m.meta_key = '_igny8_content_id' AND m.meta_value = %s AND p.post_type = 'post'
             ORDER BY p.ID ASC LIMIT 1",
            (string) (int) $content_id
        ));
    }

    /** @return WP_REST_Response|WP_Error */
    private static function publish(array $in)
    {
        $existing = self::find_post($in['content_id']);
        $created = $existing === 0;

        // Status and date. A publish/future with a future date is scheduled at that date.
        $status = $in['status'] !== null ? $in['status'] : Igny8_Bridge_Settings::default_status();
        $date_gmt = null;
        if ($in['published_at'] !== null) {
            $date_gmt = gmdate('Y-m-d H:i:s', $in['published_at']);
            if ($status === 'publish' || $status === 'future') {
                $status = $in['published_at'] > time() ? 'future' : 'publish';
            }
        }

        // Images first: a failed download leaves no post behind (and the old version intact).
        $media = new Igny8_Bridge_Media();
        $featured = null; // null: leave as is; 0: remove; >0: set
        if ($in['featured_image_url'] !== null) {
            if ($in['featured_image_url'] === '') {
                $featured = 0;
            } else {
                $featured = $media->import($in['featured_image_url']);
                if (is_wp_error($featured)) {
                    return $featured;
                }
            }
        } elseif ($in['featured_image_null']) {
            $featured = 0;
        }
        $inline = array();
        foreach ($in['images'] as $image) {
            $id = $media->import($image['url'], $image['alt']);
            if (is_wp_error($id)) {
                return $id;
            }
            $inline[] = array('url' => $image['url'], 'id' => $id, 'alt' => $image['alt']);
        }

        $html = self::rewrite_images($in['content_html'], $inline);
        $html = wp_kses_post($html);

        $meta = array(
            '_igny8_content_id' => $in['content_id'],
            '_igny8_task_id' => $in['task_id'] !== null ? $in['task_id'] : 0,
            '_igny8_meta_title' => (string) $in['meta_title'],
            '_igny8_meta_description' => (string) $in['meta_description'],
            '_igny8_primary_keyword' => (string) $in['primary_keyword'],
            '_igny8_secondary_keywords' => wp_json_encode(array_values((array) $in['secondary_keywords'])),
        );
        $seo = array(
            'title' => (string) $in['meta_title'],
            'description' => (string) $in['meta_description'],
            'keyword' => (string) $in['primary_keyword'],
        );
        if (defined('WPSEO_VERSION')) {
            $meta += self::non_empty(array(
                '_yoast_wpseo_title' => $seo['title'],
                '_yoast_wpseo_metadesc' => $seo['description'],
                '_yoast_wpseo_focuskw' => $seo['keyword'],
            ));
        }
        if (class_exists('RankMath')) {
            $meta += self::non_empty(array(
                'rank_math_title' => $seo['title'],
                'rank_math_description' => $seo['description'],
                'rank_math_focus_keyword' => $seo['keyword'],
            ));
        }

        $postarr = array(
            'post_type' => 'post',
            'post_title' => $in['title'],
            'post_content' => $html,
            'post_status' => $status,
            'meta_input' => $meta,
        );
        if ($in['excerpt'] !== null) {
            $postarr['post_excerpt'] = $in['excerpt'];
        }
        if ($in['slug'] !== null && $in['slug'] !== '') {
            $postarr['post_name'] = sanitize_title($in['slug']);
        }
        if ($date_gmt !== null) {
            $postarr['post_date_gmt'] = $date_gmt;
            $postarr['post_date'] = get_date_from_gmt($date_gmt);
            $postarr['edit_date'] = true;
        }
        $author = self::author_id($in['author_email'], $created);
        if ($author > 0) {
            $postarr['post_author'] = $author;
        }

        // Save as the post's author, so WordPress applies that user's rules (an administrator's
        // title is kept as sent, like through the core REST API; kses for lesser roles). The
        // content went through wp_kses_post above in any case.
        $acting = $author > 0 ? $author : ($created ? 0 : (int) get_post_field('post_author', $existing));
        $previous_user = get_current_user_id();
        if ($acting > 0) {
            wp_set_current_user($acting);
        }
        try {
            if ($created) {
                $post_id = wp_insert_post(wp_slash($postarr), true);
            } else {
                if (get_post_status($existing) === 'trash') {
                    wp_untrash_post($existing);
                }
                $postarr['ID'] = $existing;
                $post_id = wp_update_post(wp_slash($postarr), true);
            }
        } finally {
            if ($acting > 0) {
                wp_set_current_user($previous_user);
            }
        }
        if (is_wp_error($post_id)) {
            return new WP_Error('igny8_save_failed', $post_id->get_error_message(), array('status' => 500));
        }
        $post_id = (int) $post_id;

        $done = self::apply_terms_and_media($post_id, $in, $featured, $media);
        if (is_wp_error($done)) {
            if ($created) {
                wp_delete_post($post_id, true);
            }
            return $done;
        }

        clean_post_cache($post_id);
        $post = get_post($post_id);
        return new WP_REST_Response(array(
            'post_id' => $post_id,
            'post_url' => (string) get_permalink($post_id),
            'post_status' => $post ? $post->post_status : $status,
            'term_ids' => array(
                'categories' => self::term_ids($post_id, 'category'),
                'tags' => self::term_ids($post_id, 'post_tag'),
            ),
            'featured_media' => (int) get_post_thumbnail_id($post_id),
        ), $created ? 201 : 200);
    }

    /** @return true|WP_Error */
    private static function apply_terms_and_media($post_id, array $in, $featured, Igny8_Bridge_Media $media)
    {
        if ($in['categories'] !== null) {
            $ids = self::ensure_terms($in['categories'], 'category');
            if (is_wp_error($ids)) {
                return $ids;
            }
            wp_set_post_categories($post_id, $ids, false); // [] gives the default category
        }
        if ($in['tags'] !== null || $in['primary_keyword'] !== null || $in['secondary_keywords'] !== null) {
            $names = array_merge(
                (array) $in['tags'],
                $in['primary_keyword'] !== null ? array($in['primary_keyword']) : array(),
                (array) $in['secondary_keywords']
            );
            $ids = self::ensure_terms($names, 'post_tag');
            if (is_wp_error($ids)) {
                return $ids;
            }
            $set = wp_set_post_terms($post_id, $ids, 'post_tag', false);
            if (is_wp_error($set)) {
                return $set;
            }
        }

        if ($featured !== null) {
            if ($featured > 0) {
                set_post_thumbnail($post_id, $featured);
            } else {
                delete_post_thumbnail($post_id);
            }
        }
        // Attach newly imported media to this post (leave media attached elsewhere alone).
        global $wpdb;
        foreach ($media->attachment_ids() as $attachment_id) {
            $attachment = get_post($attachment_id);
            if ($attachment && (int) $attachment->post_parent === 0) {
                $wpdb->update($wpdb->posts, array('post_parent' => $post_id), array('ID' => $attachment_id));
                clean_post_cache($attachment_id);
            }
        }
        return true;
    }

    /**
     * Term ids for names, creating missing terms. Names are compared case-insensitively so a
     * keyword that is also a tag is added once.
     *
     * @return int[]|WP_Error
     */
    private static function ensure_terms(array $names, $taxonomy)
    {
        $ids = array();
        $seen = array();
        foreach ($names as $name) {
            $name = trim(wp_strip_all_tags((string) $name));
            $folded = function_exists('mb_strtolower') ? mb_strtolower($name) : strtolower($name);
            if ($name === '' || isset($seen[$folded])) {
                continue;
            }
            $seen[$folded] = true;
            $found = term_exists($name, $taxonomy);
            if ($found) {
                $ids[] = (int) (is_array($found) ? $found['term_id'] : $found);
                continue;
            }
            $made = wp_insert_term($name, $taxonomy);
            if (is_wp_error($made)) {
                if ($made->get_error_code() === 'term_exists' && $made->get_error_data()) {
                    $ids[] = (int) $made->get_error_data(); // created concurrently
                    continue;
                }
                return new WP_Error(
                    'igny8_term_failed',
                    sprintf('Could not create %s "%s": %s', $taxonomy, $name, $made->get_error_message()),
                    array('status' => 500)
                );
            }
            $ids[] = (int) $made['term_id'];
        }
        return array_values(array_unique($ids));
    }

    /** Points in-article image URLs at the imported attachments; fills missing alt text. */
    private static function rewrite_images($html, array $inline)
    {
        $alts = array();
        foreach ($inline as $image) {
            $new = wp_get_attachment_url($image['id']);
            if (!$new) {
                continue;
            }
            $old = $image['url'];
            $escaped = htmlspecialchars($old, ENT_QUOTES, 'UTF-8');
            $html = str_replace($old, $new, $html);
            if ($escaped !== $old) {
                $html = str_replace($escaped, $new, $html);
            }
            if ($image['alt'] !== '') {
                $alts[$new] = $image['alt'];
            }
        }
        if (!$alts) {
            return $html;
        }
        return preg_replace_callback('/<img\b[^>]*>/i', function ($m) use ($alts) {
            $tag = $m[0];
            if (!preg_match('/\ssrc\s*=\s*(["\'])(.*?)\1/i', $tag, $src) || !isset($alts[$src[2]])) {
                return $tag;
            }
            $alt = esc_attr($alts[$src[2]]);
            if (preg_match('/\salt\s*=\s*(["\'])(.*?)\1/i', $tag, $has)) {
                if (trim($has[2]) !== '') {
                    return $tag;
                }
                return str_replace($has[0], ' alt="' . $alt . '"', $tag);
            }
            return preg_replace('/^<img\b/i', '<img alt="' . $alt . '"', $tag);
        }, $html);
    }

    /** The author: the user with author_email if any; else (new posts) the first administrator. */
    private static function author_id($email, $created)
    {
        if ($email !== null && $email !== '') {
            $user = get_user_by('email', $email);
            if ($user) {
                return (int) $user->ID;
            }
        }
        if (!$created) {
            return 0; // keep the current author
        }
        $admins = get_users(array(
            'role' => 'administrator',
            'orderby' => 'ID',
            'order' => 'ASC',
            'number' => 1,
            'fields' => 'ID',
        ));
        return $admins ? (int) $admins[0] : 0;
    }

    private static function term_ids($post_id, $taxonomy)
    {
        $ids = wp_get_object_terms($post_id, $taxonomy, array('fields' => 'ids', 'orderby' => 'term_id'));
        return is_wp_error($ids) ? array() : array_map('intval', $ids);
    }

    private static function non_empty(array $values)
    {
        return array_filter($values, function ($v) {
            return $v !== '';
        });
    }

    // ------------------------------------------------------------------------------ validation

    /** @return array|WP_Error the normalised input */
    private static function validate(array $b)
    {
        $in = array();

        if (!array_key_exists('content_id', $b) || $b['content_id'] === null || $b['content_id'] === '') {
            return self::missing('content_id');
        }
        $in['content_id'] = self::to_int($b['content_id']);
        if ($in['content_id'] === null || $in['content_id'] <= 0) {
            return self::invalid('content_id', 'a positive integer');
        }

        $in['task_id'] = null;
        if (isset($b['task_id'])) {
            $in['task_id'] = self::to_int($b['task_id']);
            if ($in['task_id'] === null || $in['task_id'] < 0) {
                return self::invalid('task_id', 'a non-negative integer or null');
            }
        }

        foreach (array('title', 'content_html') as $field) {
            if (!isset($b[$field])) {
                return self::missing($field);
            }
            if (!is_string($b[$field]) || trim($b[$field]) === '') {
                return self::invalid($field, 'a non-empty string');
            }
            $in[$field] = $b[$field];
        }

        foreach (array('excerpt', 'slug', 'author_email') as $field) {
            $value = self::optional_string($b, $field);
            if (is_wp_error($value)) {
                return $value;
            }
            $in[$field] = $value;
        }

        $in['status'] = null;
        if (isset($b['status'])) {
            if (!is_string($b['status']) || !in_array($b['status'], self::STATUSES, true)) {
                return self::invalid('status', 'one of ' . implode(', ', self::STATUSES));
            }
            $in['status'] = $b['status'];
        }

        $in['published_at'] = null;
        if (isset($b['published_at']) && $b['published_at'] !== '') {
            $ts = is_string($b['published_at']) ? rest_parse_date($b['published_at']) : false;
            if ($ts === false || $ts === null) {
                return self::invalid('published_at', 'an ISO-8601 date-time such as 2026-05-01T09:30:00Z');
            }
            $in['published_at'] = (int) $ts;
        }
        if ($in['status'] === 'future' && $in['published_at'] === null) {
            return self::missing('published_at');
        }

        // seo_title wins over meta_title, seo_description over meta_description.
        foreach (array('meta_title' => array('seo_title', 'meta_title'), 'meta_description' => array('seo_description', 'meta_description')) as $key => $fields) {
            $in[$key] = null;
            foreach ($fields as $field) {
                $value = self::optional_string($b, $field);
                if (is_wp_error($value)) {
                    return $value;
                }
                if ($value !== null && $in[$key] === null) {
                    $in[$key] = $value;
                }
            }
        }
        $value = self::optional_string($b, 'primary_keyword');
        if (is_wp_error($value)) {
            return $value;
        }
        $in['primary_keyword'] = $value !== null && trim($value) !== '' ? trim($value) : null;

        foreach (array('secondary_keywords', 'categories', 'tags') as $field) {
            $value = isset($b[$field]) ? $b[$field] : null;
            if ($field === 'secondary_keywords' && is_string($value)) {
                $value = json_decode($value, true); // tolerated: a JSON-encoded array
                if (!is_array($value)) {
                    return self::invalid($field, 'an array of strings');
                }
            }
            if ($value !== null) {
                if (!is_array($value) || ($value !== array() && array_keys($value) !== range(0, count($value) - 1))) {
                    return self::invalid($field, 'an array of strings');
                }
                foreach ($value as $item) {
                    if (!is_string($item)) {
                        return self::invalid($field, 'an array of strings');
                    }
                }
            }
            $in[$field] = $value;
        }

        $in['featured_image_url'] = null;
        $in['featured_image_null'] = array_key_exists('featured_image_url', $b) && $b['featured_image_url'] === null;
        if (isset($b['featured_image_url'])) {
            if (!is_string($b['featured_image_url'])) {
                return self::invalid('featured_image_url', 'a URL string or null');
            }
            $url = trim($b['featured_image_url']);
            if ($url !== '' && !self::is_http_url($url)) {
                return self::invalid('featured_image_url', 'an http(s) URL');
            }
            $in['featured_image_url'] = $url;
        }

        $in['images'] = array();
        if (isset($b['images'])) {
            if (!is_array($b['images'])) {
                return self::invalid('images', 'an array of {url, alt} objects');
            }
            foreach (array_values($b['images']) as $i => $image) {
                if (!is_array($image) || !isset($image['url']) || !is_string($image['url']) || !self::is_http_url(trim($image['url']))) {
                    return self::invalid("images[$i].url", 'an http(s) URL');
                }
                if (isset($image['alt']) && !is_string($image['alt'])) {
                    return self::invalid("images[$i].alt", 'a string');
                }
                $in['images'][] = array(
                    'url' => trim($image['url']),
                    'alt' => isset($image['alt']) ? $image['alt'] : '',
                );
            }
        }
        return $in;
    }

    /** @return string|null|WP_Error */
    private static function optional_string(array $b, $field)
    {
        if (!isset($b[$field])) {
            return null;
        }
        if (!is_string($b[$field])) {
            return self::invalid($field, 'a string or null');
        }
        return $b[$field];
    }

    private static function to_int($value)
    {
        if (is_int($value)) {
            return $value;
        }
        if (is_string($value) && preg_match('/^\d{1,18}$/', $value)) {
            return (int) $value;
        }
        if (is_float($value) && floor($value) === $value && abs($value) < 1e15) {
            return (int) $value;
        }
        return null;
    }

    private static function is_http_url($url)
    {
        return (bool) preg_match('#^https?://[^/\s]+#i', $url) && filter_var($url, FILTER_VALIDATE_URL) !== false;
    }

    private static function missing($field)
    {
        return new WP_Error(
            'igny8_missing_field',
            sprintf('Missing required field: %s.', $field),
            array('status' => 400, 'field' => $field)
        );
    }

    private static function invalid($field, $expected)
    {
        return new WP_Error(
            'igny8_invalid_field',
            sprintf('Invalid field %s: expected %s.', $field, $expected),
            array('status' => 400, 'field' => $field)
        );
    }
}
