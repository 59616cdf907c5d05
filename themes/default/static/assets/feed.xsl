<?xml version="1.0" encoding="utf-8"?>
<!-- How a browser shows feed.xml (订阅更新): a page that says what a feed is and lists
     the latest documents, instead of raw XML. Same origin, no script, no other site. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>订阅更新 - <xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="assets/style.css"/>
      </head>
      <body>
        <header class="site-header">
          <div class="container header-inner">
            <a class="site-title" href="index.html"><xsl:value-of select="atom:title"/></a>
          </div>
        </header>
        <main id="main" class="container">
          <h1>订阅更新</h1>
          <p class="banner" role="note">这是本网站的订阅源（Atom/RSS），供订阅阅读器使用。把本页的网址复制到阅读器（如浏览器的订阅功能、RSS 阅读器）中，即可在本网站发布新信息时收到更新。不需要订阅的，可直接点击下面的标题阅读。</p>
          <h2>最新发布的 <xsl:value-of select="count(atom:entry)"/> 条信息</h2>
          <ul class="entry-list">
            <xsl:for-each select="atom:entry">
              <li>
                <a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a>
                <span class="note"><xsl:value-of select="atom:author/atom:name"/>　<xsl:value-of select="substring(atom:published, 1, 10)"/></span>
                <br/><span class="count"><xsl:value-of select="atom:summary"/></span>
              </li>
            </xsl:for-each>
          </ul>
          <p class="more"><a href="index.html">返回首页 ›</a></p>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
