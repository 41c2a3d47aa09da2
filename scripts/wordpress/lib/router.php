<?php
/**
 * Router for `php -S` serving one igny8-wp instance (scripts/wordpress/wp.sh).
 *
 * Environment (set by wp.sh): IGNY8_WP_CONFIG (the Debian config name, so
 * /etc/wordpress/config-<name>.php is used whatever the Host header) and IGNY8_WP_CONTENT_DIR
 * (the instance's wp-content, which lives outside the docroot /usr/share/wordpress).
 *
 * WordPress files are required at FILE scope on purpose: wp-admin relies on file-level globals
 * and breaks (500) when loaded from inside a function.
 */

$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('IGNY8_WP_CONFIG');
$igny8_wp_content = rtrim((string) getenv('IGNY8_WP_CONTENT_DIR'), '/');
$igny8_wp_root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$igny8_wp_path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if ($igny8_wp_path === '') {
    $igny8_wp_path = '/';
}
$igny8_wp_script = null;

if (strpos($igny8_wp_path, '..') !== false || strpos($igny8_wp_path, "\0") !== false) {
    http_response_code(400);
    return true;
}

if (strpos($igny8_wp_path, '/wp-content/') === 0) {
    // Uploads, themes and plugins of this instance: static files only.
    $igny8_wp_file = $igny8_wp_content . substr($igny8_wp_path, strlen('/wp-content'));
    if (is_file($igny8_wp_file) && !preg_match('/\.(php|phtml|phar)$/i', $igny8_wp_file)) {
        $igny8_wp_types = array(
            'css' => 'text/css', 'js' => 'application/javascript', 'json' => 'application/json',
            'png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg',
            'gif' => 'image/gif', 'webp' => 'image/webp', 'svg' => 'image/svg+xml',
            'ico' => 'image/x-icon', 'avif' => 'image/avif', 'woff' => 'font/woff',
            'woff2' => 'font/woff2', 'ttf' => 'font/ttf', 'txt' => 'text/plain',
            'html' => 'text/html', 'xml' => 'application/xml', 'pdf' => 'application/pdf',
            'mp4' => 'video/mp4', 'mp3' => 'audio/mpeg',
        );
        $igny8_wp_ext = strtolower(pathinfo($igny8_wp_file, PATHINFO_EXTENSION));
        $igny8_wp_type = isset($igny8_wp_types[$igny8_wp_ext]) ? $igny8_wp_types[$igny8_wp_ext]
            : (function_exists('mime_content_type') ? mime_content_type($igny8_wp_file) : 'application/octet-stream');
        header('Content-Type: ' . $igny8_wp_type);
        header('Content-Length: ' . filesize($igny8_wp_file));
        header('Last-Modified: ' . gmdate('D, d M Y H:i:s', filemtime($igny8_wp_file)) . ' GMT');
        if ($_SERVER['REQUEST_METHOD'] !== 'HEAD') {
            readfile($igny8_wp_file);
        }
        return true;
    }
    if (is_file($igny8_wp_file)) {
        http_response_code(403);
        return true;
    }
    // Anything else under /wp-content/ goes to WordPress (its 404 page).
    $igny8_wp_script = $igny8_wp_root . '/index.php';
} else {
    $igny8_wp_file = $igny8_wp_root . $igny8_wp_path;
    if (is_dir($igny8_wp_file) && is_file(rtrim($igny8_wp_file, '/') . '/index.php')) {
        if (substr($igny8_wp_path, -1) !== '/') {
            $igny8_wp_query = parse_url($_SERVER['REQUEST_URI'], PHP_URL_QUERY);
            header('Location: ' . $igny8_wp_path . '/' . ($igny8_wp_query ? '?' . $igny8_wp_query : ''), true, 301);
            return true;
        }
        $igny8_wp_file = rtrim($igny8_wp_file, '/') . '/index.php';
    }
    if (is_file($igny8_wp_file)) {
        if (substr($igny8_wp_file, -4) !== '.php') {
            return false; // a static core asset: php -S serves it
        }
        $igny8_wp_script = $igny8_wp_file;
    } else {
        $igny8_wp_script = $igny8_wp_root . '/index.php'; // pretty permalinks, /wp-json/...
    }
}

$_SERVER['SCRIPT_FILENAME'] = $igny8_wp_script;
$_SERVER['SCRIPT_NAME'] = substr($igny8_wp_script, strlen($igny8_wp_root));
$_SERVER['PHP_SELF'] = $_SERVER['SCRIPT_NAME'];
chdir(dirname($igny8_wp_script));
require $igny8_wp_script;
