{application,x,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['x.X']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
