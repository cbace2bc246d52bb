<#-- A fresh link to a known reader's own page, plain-text part. Same model as your-link.html.ftlh. -->
${site.name?upper_case}

Someone, we hope you, asked for a link to the ${site.name} subscription of
${email}. <#if active>It is active; nothing has changed.<#else>It is not active at the moment; you can start
it again on your page.</#if>

<#if alertsOnly>Change your topics and keywords, or pause your alerts here:<#else>Change your topics, keywords, hour or pause your digest here:</#if>

${link}

The link works for ${days} days. If you did not ask, ignore this email.
<#if active>
To stop all mail: ${unsubscribe}
</#if>
