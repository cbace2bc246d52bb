<#--
  The alert's subject line: "BREAKING: Putin and Kim Jong Un sign defence pact".
  One line (line breaks in the headline become spaces), no line break at the end.
-->
<#setting locale="en_GB">
<#import "lib/common.ftl" as c>
${c.oneLine("BREAKING: " + c.shorten(story.headline, 120))}<#t>
