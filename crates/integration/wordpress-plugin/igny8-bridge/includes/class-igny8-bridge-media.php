<?php
/**
 * Image import for publish: download (with the site key when the URL is on our API origin),
 * sideload into the media library, and reuse what was already imported from the same URL
 * (attachment meta _igny8_source_url).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Media
{
    const SOURCE_META = '_igny8_source_url';
    const MAX_REDIRECTS = 3;

    /** @var array<string,int> url => attachment id, for this request */
    private $imported = array();

    /**
     * @param string $url
     * @param string $alt  alt text ('' leaves the current one)
     * @return int|WP_Error attachment id
     */
    public function import($url, $alt = '')
    {
        if (isset($this->imported[$url])) {
            $id = $this->imported[$url];
        } else {
            $id = self::find_by_source($url);
            if (!$id) {
                $id = $this->download_and_sideload($url);
                if (is_wp_error($id)) {
                    return $id;
                }
                update_post_meta($id, self::SOURCE_META, wp_slash($url));
            }
            $this->imported[$url] = $id;
        }
        if (is_string($alt) && trim($alt) !== '') {
            update_post_meta($id, '_wp_attachment_image_alt', wp_slash(sanitize_text_field($alt)));
        }
        return $id;
    }

    /** @return int[] every attachment used in this request */
    public function attachment_ids()
    {
        return array_values(array_unique($this->imported));
    }

    /** An attachment previously imported from $url whose file still exists, or 0. */
    public static function find_by_source($url)
    {
        global $wpdb;
        $ids = $wpdb->get_col($wpdb->prepare(
            "SELECT p.ID FROM {$wpdb->postmeta} m INNER JOIN {$wpdb->posts} p ON p.ID = m.post_id
             WHERE m.meta_key = %s AND m.meta_value = %s AND p.post_type = 'attachment'
             ORDER BY p.ID ASC",
            self::SOURCE_META,
            $url
        ));
        foreach ($ids as $id) {
            $file = get_attached_file((int) $id);
            if ($file && file_exists($file)) {
                return (int) $id;
            }
        }
        return 0;
    }

    /** Whether $url is on our API origin (then the site key is sent with the request). */
    public static function is_platform_url($url)
    {
        $base = Igny8_Bridge_Settings::api_base();
        if ($base === '') {
            return false;
        }
        return $url === $base || strpos($url, $base . '/') === 0 || strpos($url, $base . '?') === 0;
    }

    /** @return int|WP_Error */
    private function download_and_sideload($url)
    {
        require_once ABSPATH . 'wp-admin/includes/file.php';
        require_once ABSPATH . 'wp-admin/includes/media.php';
        require_once ABSPATH . 'wp-admin/includes/image.php';

        $tmp = wp_tempnam('igny8-image');
        if (!$tmp) {
            return self::failed($url, 'no temporary file');
        }
        $location = $url;
        $response = null;
        // Redirects are followed here (not by the HTTP library) so the key is only ever sent to
        // our own origin, never to a host a redirect points at.
        for ($hop = 0; $hop <= self::MAX_REDIRECTS; $hop++) {
            $headers = array('Accept' => 'image/*');
            if (self::is_platform_url($location)) {
                $headers['X-IGNY8-API-KEY'] = Igny8_Bridge_Settings::api_key();
            }
            // wp_remote_get, not wp_safe_remote_get: the safe variant refuses non-standard ports
            // on loopback, where the platform runs in development and tests.
            $response = wp_remote_get($location, array(
                'timeout' => 30,
                'redirection' => 0,
                'headers' => $headers,
                'stream' => true,
                'filename' => $tmp,
            ));
            if (is_wp_error($response)) {
                @unlink($tmp);
                return self::failed($url, $response->get_error_message());
            }
            $code = (int) wp_remote_retrieve_response_code($response);
            $next = wp_remote_retrieve_header($response, 'location');
            if (in_array($code, array(301, 302, 303, 307, 308), true) && is_string($next) && $next !== '') {
                $location = WP_Http::make_absolute_url($next, $location);
                continue;
            }
            break;
        }
        $code = (int) wp_remote_retrieve_response_code($response);
        if ($code !== 200) {
            @unlink($tmp);
            return self::failed($url, 'HTTP ' . $code);
        }
        clearstatcache(true, $tmp);
        if (!file_exists($tmp) || filesize($tmp) === 0) {
            @unlink($tmp);
            return self::failed($url, 'empty body');
        }

        $file = array(
            'name' => self::file_name($url, (string) wp_remote_retrieve_header($response, 'content-type')),
            'tmp_name' => $tmp,
        );
        $id = media_handle_sideload($file, 0);
        if (is_wp_error($id)) {
            @unlink($tmp);
            return self::failed($url, $id->get_error_message());
        }
        return (int) $id;
    }

    /** A file name with an image extension, from the URL path or else the content type. */
    private static function file_name($url, $content_type)
    {
        $types = array(
            'image/jpeg' => 'jpg', 'image/jpg' => 'jpg', 'image/png' => 'png', 'image/gif' => 'gif',
            'image/webp' => 'webp', 'image/bmp' => 'bmp', 'image/tiff' => 'tif', 'image/x-icon' => 'ico',
        );
        $path = (string) wp_parse_url($url, PHP_URL_PATH);
        $base = sanitize_file_name(rawurldecode(wp_basename($path)));
        $name = pathinfo($base, PATHINFO_FILENAME);
        $ext = strtolower(pathinfo($base, PATHINFO_EXTENSION));
        if ($name === '') {
            $name = 'igny8-image';
        }
        $mime = strtolower(trim(explode(';', $content_type)[0]));
        $image_exts = array('jpg', 'jpeg', 'jpe', 'png', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'ico', 'heic', 'avif');
        if (!in_array($ext, $image_exts, true)) {
            $ext = isset($types[$mime]) ? $types[$mime] : 'jpg';
            $name = $base !== '' ? $base : $name;
        }
        return $name . '.' . $ext;
    }

    private static function failed($url, $why)
    {
        return new WP_Error(
            'igny8_image_failed',
            sprintf('Could not download image %s: %s', $url, $why),
            array('status' => 502, 'url' => $url)
        );
    }
}
